/** The app's real manifest and handlers behind the Forge runtime fake, on the fixture site. */
import { join } from 'node:path';
import { buildFixtureSite } from '../emulator/fixture-site';
import { useForgeRuntime, type ForgeTestEnvironment } from '../forge';

const ROOT = join(__dirname, '../..');

/** Installs the runtime fake for each test of the file, with a fresh fixture site. */
export function useAppRuntime(): ForgeTestEnvironment {
  return useForgeRuntime(() => ({
    site: buildFixtureSite(),
    manifestPath: join(ROOT, 'manifest.yml'),
    appDir: ROOT,
  }));
}
