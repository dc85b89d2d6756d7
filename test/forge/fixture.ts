/** The runtime fake's test fixture: the fixture app and a fresh seeded site per test. */
import { join } from 'node:path';
import { buildFixtureSite } from '../emulator/fixture-site';
import type { ForgeRuntimeOptions } from './runtime';

export const FIXTURE_APP_DIR = join(__dirname, 'fixtures');
export const FIXTURE_MANIFEST = join(FIXTURE_APP_DIR, 'manifest.yml');

/** Options for `installForgeRuntime` or `useForgeRuntime`, on a new fixture site. */
export function fixtureRuntimeOptions(
  overrides: Partial<ForgeRuntimeOptions> = {},
): ForgeRuntimeOptions {
  return {
    site: buildFixtureSite(),
    manifestPath: FIXTURE_MANIFEST,
    appDir: FIXTURE_APP_DIR,
    ...overrides,
  };
}
