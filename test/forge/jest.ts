/** A jest helper that installs a fresh runtime fake before each test and checks it after. */
import type { JsmSite } from '../emulator/site';
import { installForgeRuntime, type ForgeRuntime, type ForgeRuntimeOptions } from './runtime';

/** The current test's runtime and site; valid inside tests and hooks of the describe block. */
export interface ForgeTestEnvironment {
  readonly runtime: ForgeRuntime;
  readonly site: JsmSite;
}

/**
 * Call in a describe block (not inside a test): before each test it builds the options (usually a
 * new site) and installs the runtime; after each test it uninstalls it, which fails the test if
 * any call broke the OpenAPI specs or the emulator's limits.
 *
 *     const env = useForgeRuntime(() => ({ site: buildSite(), manifestPath, appDir }));
 *     it('…', async () => { await env.runtime.deliverPending(); expect(env.site.issueProperty(…)) });
 */
export function useForgeRuntime(options: () => ForgeRuntimeOptions): ForgeTestEnvironment {
  let current: ForgeRuntime | undefined;
  beforeEach(() => {
    current = installForgeRuntime(options());
  });
  afterEach(() => {
    const runtime = current;
    current = undefined;
    runtime?.uninstall();
  });

  return {
    get runtime() {
      if (current === undefined)
        throw new Error('the Forge runtime fake is installed only while a test runs');

      return current;
    },
    get site() {
      return this.runtime.site;
    },
  };
}
