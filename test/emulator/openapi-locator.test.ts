/** The spec locator: where the OpenAPI specs are looked for, in order, and the error without them. */
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  JIRA_PLATFORM_SPEC_FILE,
  locateOpenApiSpecs,
  MissingOpenApiSpecsError,
  OPENAPI_DIR_ENV,
  SERVICE_DESK_SPEC_FILE,
  loadOpenApiSpecs,
  openApiDir,
} from '../support/openapi';

/** Wherever this machine keeps the real specs; the scratch layouts below copy them. */
const real = openApiDir();

function specDir(files: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'openapi-'));
  for (const file of files) copyFileSync(join(real, file), join(dir, file));

  return dir;
}

describe('locateOpenApiSpecs', () => {
  it('prefers the directory named by the environment variable', () => {
    const dir = specDir([JIRA_PLATFORM_SPEC_FILE, SERVICE_DESK_SPEC_FILE]);

    const found = locateOpenApiSpecs({ env: { [OPENAPI_DIR_ENV]: dir } });

    expect(found).toEqual({
      dir,
      source: 'env',
      jiraPlatformPath: join(dir, JIRA_PLATFORM_SPEC_FILE),
      serviceDeskPath: join(dir, SERVICE_DESK_SPEC_FILE),
    });
  });

  it("falls back to the team's shared folder when the variable's directory lacks a spec", () => {
    const dir = specDir([JIRA_PLATFORM_SPEC_FILE]);
    const parent = mkdtempSync(join(tmpdir(), 'project-'));
    const shared = join(parent, 'shared', 'openapi');
    mkdirSync(shared, { recursive: true });
    for (const file of [JIRA_PLATFORM_SPEC_FILE, SERVICE_DESK_SPEC_FILE]) {
      copyFileSync(join(real, file), join(shared, file));
    }

    const found = locateOpenApiSpecs({
      env: { [OPENAPI_DIR_ENV]: dir },
      projectRoot: join(parent, 'main'),
    });

    expect(found.source).toBe('shared');
    expect(found.dir).toBe(shared);
  });

  it('uses the git-ignored cache of openapi:fetch when there is no shared folder', () => {
    const root = join(mkdtempSync(join(tmpdir(), 'project-')), 'main');
    mkdirSync(join(root, '.cache', 'openapi'), { recursive: true });
    for (const file of [JIRA_PLATFORM_SPEC_FILE, SERVICE_DESK_SPEC_FILE]) {
      copyFileSync(join(real, file), join(root, '.cache', 'openapi', file));
    }

    const found = locateOpenApiSpecs({ env: {}, projectRoot: root });

    expect(found).toMatchObject({ source: 'cache', dir: join(root, '.cache', 'openapi') });
  });

  it('throws an error that says how to get the specs when none is found', () => {
    const root = join(mkdtempSync(join(tmpdir(), 'project-')), 'main');

    const attempt = () => locateOpenApiSpecs({ env: {}, projectRoot: root });

    expect(attempt).toThrow(MissingOpenApiSpecsError);
    expect(attempt).toThrow(/npm run openapi:fetch/);
    expect(attempt).toThrow(new RegExp(OPENAPI_DIR_ENV));
    expect(attempt).toThrow(
      /developer\.atlassian\.com\/cloud\/jira\/platform\/swagger-v3\.v3\.json/,
    );
  });
});

describe('loadOpenApiSpecs', () => {
  it('parses both specs once and hands out the same objects after', () => {
    const first = loadOpenApiSpecs();

    expect(first.jiraPlatform.paths['/rest/api/3/issue/{issueIdOrKey}']).toBeDefined();
    expect(first.serviceDesk.paths['/rest/servicedeskapi/request']).toBeDefined();
    expect(loadOpenApiSpecs()).toBe(first);
  });
});
