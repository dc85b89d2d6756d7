/**
 * `npm run lint:forge`: Forge's own client-side linters, offline. They check, among other things,
 * that every `requestJira` route the code calls is allowed by a scope in manifest.yml, against
 * Atlassian's OpenAPI specs found by the same locator the emulator uses.
 */
import { StatsigReader, type StatsigService } from '@forge/cli-shared';
import { lint, problemCount, type LintResult } from '@forge/lint';
import type { ManifestSchema } from '@forge/manifest';
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import {
  JIRA_PLATFORM_SPEC_FILE,
  PROJECT_ROOT,
  SERVICE_DESK_SPEC_FILE,
  openApiDir,
} from '../test/support/openapi';

/** Feature gates are read from Atlassian's servers; offline, every gate is off. */
class OfflineGates extends StatsigReader {
  async checkGate(): Promise<boolean | null> {
    return false;
  }

  async getDynamicConfig(): Promise<null> {
    return null;
  }
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** The linter wants the specs of every product; the app calls only Jira and JSM. */
function pointAtSpecs(): void {
  const specs = openApiDir();
  const empty = join(PROJECT_ROOT, '.cache', 'forge-lint', 'no-paths.json');
  mkdirSync(join(empty, '..'), { recursive: true });
  writeFileSync(empty, JSON.stringify({ paths: {} }));

  Object.assign(process.env, {
    USE_LOCAL_SWAGGER: 'true',
    LOCAL_JIRA_SWAGGER: join(specs, JIRA_PLATFORM_SPEC_FILE),
    LOCAL_JSM_SWAGGER: join(specs, SERVICE_DESK_SPEC_FILE),
    LOCAL_JSW_SWAGGER: empty,
    LOCAL_CONF_SWAGGER: empty,
    LOCAL_CONF_V2_SWAGGER: empty,
    LOCAL_BB_SWAGGER: empty,
  });
}

function report(results: LintResult[]): void {
  for (const result of results) {
    for (const rule of [...result.errors, ...result.warnings]) {
      const file = relative(PROJECT_ROOT, result.file);
      console.error(
        `${file}:${rule.line}:${rule.column} ${rule.class} ${rule.message} (${rule.reference})`,
      );
    }
  }
}

async function main(): Promise<number> {
  pointAtSpecs();
  const manifest = parse(
    readFileSync(join(PROJECT_ROOT, 'manifest.yml'), 'utf8'),
  ) as ManifestSchema;
  // The linter resolves each file from the working directory and keeps only the files that the
  // tsconfig `include` globs match, so it is handed paths relative to the project's root.
  process.chdir(PROJECT_ROOT);
  const files = sourceFiles('src');
  const logger = { info: (message: string) => console.info(message) };

  // The linter reads only the gate methods of StatsigReader; the rest of the service is unused.
  const gates = new OfflineGates() as unknown as StatsigService;
  const results = await lint(files, manifest, 'development', logger, gates, {
    linter: { mode: 'client-side' },
  });
  report(results);

  const { errors, warnings } = problemCount(results);
  console.info(`forge lint: ${files.length} files, ${errors} errors, ${warnings} warnings`);
  return errors + warnings > 0 ? 1 : 0;
}

main().then(
  (code) => (process.exitCode = code),
  (error: Error) => {
    console.error(`forge lint could not run: ${error.message}`);
    process.exitCode = 2;
  },
);
