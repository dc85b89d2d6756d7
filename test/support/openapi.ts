/**
 * Where Atlassian's OpenAPI specs of the Jira platform and JSM REST APIs are on this machine.
 *
 * The specs are not committed to the project. They are looked for, in this order, in:
 *
 * 1. the directory named by `SUPPORT_POLICY_OPENAPI_DIR`;
 * 2. `<project root>/../shared/openapi/` (the team's shared folder);
 * 3. `<project root>/.cache/openapi/` (git-ignored), which `npm run openapi:fetch` fills from
 *    Atlassian's published URLs.
 *
 * A directory counts only when it holds both files. With none, `locateOpenApiSpecs` throws a
 * `MissingOpenApiSpecsError` that says how to get them: tests that need the specs fail, they never
 * skip.
 *
 * Usage:
 *
 *     import { locateOpenApiSpecs, loadOpenApiSpecs } from '../support/openapi';
 *     const { dir, jiraPlatformPath, serviceDeskPath } = locateOpenApiSpecs();
 *     const { jiraPlatform, serviceDesk } = loadOpenApiSpecs(); // parsed once per process
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** File name of the Jira platform REST API v3 spec. */
export const JIRA_PLATFORM_SPEC_FILE = 'jira-platform.swagger-v3.v3.json';

/** File name of the Jira Service Management REST API spec. */
export const SERVICE_DESK_SPEC_FILE = 'jsm-servicedesk.swagger.v3.json';

/** Atlassian's published URL of each spec, as `npm run openapi:fetch` downloads them. */
export const OPENAPI_SPEC_URLS: Readonly<Record<string, string>> = {
  [JIRA_PLATFORM_SPEC_FILE]:
    'https://developer.atlassian.com/cloud/jira/platform/swagger-v3.v3.json',
  [SERVICE_DESK_SPEC_FILE]:
    'https://developer.atlassian.com/cloud/jira/service-desk/swagger.v3.json',
};

/** The environment variable that names a directory holding both specs. */
export const OPENAPI_DIR_ENV = 'SUPPORT_POLICY_OPENAPI_DIR';

/** The project root: the folder that holds package.json. */
export const PROJECT_ROOT = resolve(__dirname, '..', '..');

/** Which of the three places the specs were found in. */
export type OpenApiSource = 'env' | 'shared' | 'cache';

/** The directory that holds both specs, and the path of each. */
export interface OpenApiLocation {
  dir: string;
  source: OpenApiSource;
  jiraPlatformPath: string;
  serviceDeskPath: string;
}

/** Thrown when no candidate directory holds both specs; the message says how to get them. */
export class MissingOpenApiSpecsError extends Error {
  override name = 'MissingOpenApiSpecsError';

  constructor(readonly searched: readonly { dir: string; missing: string[] }[]) {
    super(
      [
        "Atlassian's OpenAPI specs of the Jira and JSM REST APIs were not found. Looked in:",
        ...searched.map(({ dir, missing }) => `  - ${dir} (missing: ${missing.join(', ')})`),
        'Get them in one of these ways:',
        `  - set ${OPENAPI_DIR_ENV} to a directory that holds ${JIRA_PLATFORM_SPEC_FILE} and ${SERVICE_DESK_SPEC_FILE};`,
        '  - or run `npm run openapi:fetch`, which downloads them into .cache/openapi/ from',
        ...Object.values(OPENAPI_SPEC_URLS).map((url) => `      ${url}`),
      ].join('\n'),
    );
  }
}

/** Options for tests of the locator itself; by default the real environment and project root. */
export interface LocateOptions {
  env?: Readonly<Record<string, string | undefined>>;
  projectRoot?: string;
}

/** The candidate directories, in the order they are tried. */
export function candidateOpenApiDirs(
  options: LocateOptions = {},
): { dir: string; source: OpenApiSource }[] {
  const env = options.env ?? process.env;
  const root = options.projectRoot ?? PROJECT_ROOT;
  const candidates: { dir: string; source: OpenApiSource }[] = [];
  const fromEnv = env[OPENAPI_DIR_ENV];
  if (fromEnv !== undefined && fromEnv.trim() !== '') {
    candidates.push({ dir: resolve(fromEnv), source: 'env' });
  }
  candidates.push({ dir: resolve(root, '..', 'shared', 'openapi'), source: 'shared' });
  candidates.push({ dir: resolve(root, '.cache', 'openapi'), source: 'cache' });

  return candidates;
}

/** Finds the first candidate directory that holds both specs, or throws `MissingOpenApiSpecsError`. */
export function locateOpenApiSpecs(options: LocateOptions = {}): OpenApiLocation {
  const searched: { dir: string; missing: string[] }[] = [];
  for (const { dir, source } of candidateOpenApiDirs(options)) {
    const missing = [JIRA_PLATFORM_SPEC_FILE, SERVICE_DESK_SPEC_FILE].filter(
      (file) => !existsSync(join(dir, file)),
    );
    if (missing.length === 0) {
      return {
        dir,
        source,
        jiraPlatformPath: join(dir, JIRA_PLATFORM_SPEC_FILE),
        serviceDeskPath: join(dir, SERVICE_DESK_SPEC_FILE),
      };
    }
    searched.push({ dir, missing });
  }

  throw new MissingOpenApiSpecsError(searched);
}

/** The directory holding both specs (for tools such as `@forge/lint`); throws when there is none. */
export function openApiDir(options: LocateOptions = {}): string {
  return locateOpenApiSpecs(options).dir;
}

/** An OpenAPI 3 document, typed only as far as the emulator reads it. */
export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, unknown>>;
  components?: Record<string, unknown>;
  [key: string]: unknown;
}

/** Both parsed specs and where they came from. */
export interface OpenApiSpecs {
  location: OpenApiLocation;
  jiraPlatform: OpenApiDocument;
  serviceDesk: OpenApiDocument;
}

let loaded: OpenApiSpecs | undefined;

/** Parses both specs once per process (they weigh 2.8 MB) and returns the same objects after. */
export function loadOpenApiSpecs(): OpenApiSpecs {
  if (loaded === undefined) {
    const location = locateOpenApiSpecs();
    loaded = {
      location,
      jiraPlatform: readSpec(location.jiraPlatformPath),
      serviceDesk: readSpec(location.serviceDeskPath),
    };
  }

  return loaded;
}

function readSpec(path: string): OpenApiDocument {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(
      `OpenAPI spec ${path} is not valid JSON (${(error as Error).message}); delete it and fetch it again with \`npm run openapi:fetch\``,
    );
  }
  const doc = parsed as Partial<OpenApiDocument> | null;
  if (doc === null || typeof doc !== 'object' || typeof doc.paths !== 'object') {
    throw new Error(
      `OpenAPI spec ${path} has no "paths" object; it is not an OpenAPI 3 document. Fetch it again with \`npm run openapi:fetch\``,
    );
  }

  return doc as OpenApiDocument;
}
