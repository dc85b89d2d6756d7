/**
 * `npm run openapi:fetch`: downloads Atlassian's OpenAPI specs of the Jira platform and JSM REST
 * APIs into `.cache/openapi/` (git-ignored), for machines that have neither
 * `SUPPORT_POLICY_OPENAPI_DIR` nor the team's `../shared/openapi/`.
 *
 * Each file is written only once it has downloaded whole and parsed as an OpenAPI document, so a
 * failed run never leaves a truncated spec behind.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OPENAPI_SPEC_URLS, PROJECT_ROOT } from '../test/support/openapi';

async function fetchSpec(url: string): Promise<string> {
  const response = await fetch(url, { headers: { accept: 'application/json' } });
  if (!response.ok) {
    throw new Error(`GET ${url} answered ${response.status} ${response.statusText}`);
  }
  const text = await response.text();
  const doc = JSON.parse(text) as { openapi?: unknown; paths?: unknown };
  if (typeof doc.openapi !== 'string' || typeof doc.paths !== 'object' || doc.paths === null) {
    throw new Error(`GET ${url} did not answer an OpenAPI 3 document`);
  }

  return text;
}

async function main(): Promise<number> {
  const dir = join(PROJECT_ROOT, '.cache', 'openapi');
  mkdirSync(dir, { recursive: true });
  let failed = 0;
  for (const [file, url] of Object.entries(OPENAPI_SPEC_URLS)) {
    try {
      const text = await fetchSpec(url);
      const target = join(dir, file);
      writeFileSync(`${target}.part`, text);
      renameSync(`${target}.part`, target);
      console.info(`saved ${file} (${Math.round(text.length / 1024)} KiB) from ${url}`);
    } catch (error) {
      failed += 1;
      console.error(`could not fetch ${file} from ${url}: ${(error as Error).message}`);
    }
  }
  if (failed > 0) {
    console.error(
      'Some specs are missing. Download them by hand into .cache/openapi/, or set SUPPORT_POLICY_OPENAPI_DIR to a directory that holds them.',
    );
  }

  return failed > 0 ? 1 : 0;
}

void main().then((code) => {
  process.exitCode = code;
});
