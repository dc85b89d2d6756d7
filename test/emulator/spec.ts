/**
 * The emulator's view of Atlassian's OpenAPI specs: which operation a request is, and whether the
 * request (path, query parameters, body) and the emulator's own answer are what the specs describe.
 *
 * The specs are parsed once per process; a validator is compiled the first time an operation's
 * request body or response is checked, so a test run pays only for the operations it uses.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { loadOpenApiSpecs, type OpenApiDocument } from '../support/openapi';

/** Which spec an operation belongs to. */
export type ApiName = 'jira' | 'jsm';

interface ParameterSpec {
  name: string;
  in: 'query' | 'path' | 'header' | 'cookie';
  required: boolean;
  schema: SimpleSchema;
}

interface SimpleSchema {
  type?: string;
  enum?: unknown[];
  items?: SimpleSchema;
}

/** One operation of the specs: a method on a path template. */
export interface SpecOperation {
  api: ApiName;
  method: string;
  template: string;
  operationId: string;
  /** Marked `x-experimental`; JSM refuses such calls without `X-ExperimentalApi: opt-in`. */
  experimental: boolean;
  parameters: ParameterSpec[];
  requestBody?: { required: boolean; contentTypes: string[] };
  /** Status codes whose answer has a JSON schema. */
  jsonResponses: Set<string>;
  /** Alternative OAuth scope sets; holding every scope of one of them is enough. */
  scopeSets: string[][];
}

/** A request matched to its operation, with the decoded path parameters. */
export interface MatchedOperation {
  operation: SpecOperation;
  pathParams: Record<string, string>;
}

interface CompiledTemplate {
  operationsByMethod: Map<string, SpecOperation>;
  regex: RegExp;
  paramNames: string[];
  literalSegments: number;
  template: string;
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

/** JSON-pointer escaping of one reference token. */
function pointerToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

function describeAjvError(error: ErrorObject): string {
  const where = error.instancePath === '' ? 'the body' : `body${error.instancePath}`;
  if (error.keyword === 'additionalProperties') {
    const extra = (error.params as { additionalProperty?: string }).additionalProperty;

    return `${where} has property '${extra}', which the schema does not allow`;
  }
  if (error.keyword === 'required') {
    const missing = (error.params as { missingProperty?: string }).missingProperty;

    return `${where} lacks required property '${missing}'`;
  }

  return `${where} ${error.message ?? 'is invalid'}`;
}

/** Jira answers instants as `2026-12-03T09:10:00.000+0100`; RFC 3339 wants `+01:00`. Both pass. */
const JIRA_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/** The operations of both specs, with request and response validation. */
export class OpenApiIndex {
  private readonly templates: CompiledTemplate[] = [];
  private readonly ajvByApi: Record<ApiName, Ajv>;
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(docs: Record<ApiName, OpenApiDocument>) {
    const makeAjv = (doc: OpenApiDocument, id: ApiName): Ajv => {
      const ajv = new Ajv({
        strict: false,
        validateSchema: false,
        allErrors: true,
        logger: false,
        // A key like `toString` is checked only when the answer has it, not through the prototype.
        ownProperties: true,
      });
      addFormats(ajv);
      ajv.addFormat('date-time', JIRA_DATE_TIME);
      ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) });
      ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
      ajv.addSchema(doc, id);

      return ajv;
    };
    this.ajvByApi = { jira: makeAjv(docs.jira, 'jira'), jsm: makeAjv(docs.jsm, 'jsm') };
    this.index('jira', docs.jira);
    this.index('jsm', docs.jsm);
    this.templates.sort(
      (a, b) => b.literalSegments - a.literalSegments || a.paramNames.length - b.paramNames.length,
    );
  }

  private index(api: ApiName, doc: OpenApiDocument): void {
    for (const [template, item] of Object.entries(doc.paths)) {
      const pathLevelParams = (item.parameters as RawParameter[] | undefined) ?? [];
      const operationsByMethod = new Map<string, SpecOperation>();
      for (const method of HTTP_METHODS) {
        const raw = item[method] as RawOperation | undefined;
        if (raw === undefined) continue;
        operationsByMethod.set(method.toUpperCase(), {
          api,
          method: method.toUpperCase(),
          template,
          operationId: raw.operationId ?? `${method} ${template}`,
          experimental: raw['x-experimental'] === true,
          parameters: [...pathLevelParams, ...(raw.parameters ?? [])].map((p) => ({
            name: p.name,
            in: p.in,
            required: p.required === true,
            schema: p.schema ?? {},
          })),
          requestBody:
            raw.requestBody === undefined
              ? undefined
              : {
                  required: raw.requestBody.required === true,
                  contentTypes: Object.keys(raw.requestBody.content ?? {}),
                },
          jsonResponses: new Set(
            Object.entries(raw.responses ?? {})
              .filter(([, r]) => r.content?.['application/json']?.schema !== undefined)
              .map(([status]) => status),
          ),
          scopeSets: scopeSetsOf(raw),
        });
      }
      const segments = template.split('/').filter((s) => s !== '');
      const paramNames: string[] = [];
      const regexSource = segments
        .map((segment) =>
          segment.replace(/\{([^}]+)\}|([^{]+)/g, (_m, param: string | undefined, literal) => {
            if (param !== undefined) {
              paramNames.push(param);

              return '([^/]+)';
            }

            return (literal as string).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
          }),
        )
        .join('/');
      this.templates.push({
        operationsByMethod,
        regex: new RegExp(`^/${regexSource}$`),
        paramNames,
        literalSegments: segments.filter((s) => !s.includes('{')).length,
        template,
      });
    }
  }

  /** The operation a method and path (without query string) are, or a sentence saying why none. */
  match(method: string, pathname: string): MatchedOperation | { problem: string } {
    const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
    const upper = method.toUpperCase();
    let sameTemplateOtherMethods: string[] | undefined;
    for (const compiled of this.templates) {
      const found = compiled.regex.exec(path);
      if (found === null) continue;
      const operation = compiled.operationsByMethod.get(upper);
      if (operation === undefined) {
        sameTemplateOtherMethods ??= [...compiled.operationsByMethod.keys()].map(
          (m) => `${m} ${compiled.template}`,
        );
        continue;
      }
      const pathParams: Record<string, string> = {};
      compiled.paramNames.forEach((name, i) => {
        pathParams[name] = decodeURIComponent(found[i + 1] as string);
      });

      return { operation, pathParams };
    }
    if (sameTemplateOtherMethods !== undefined) {
      return {
        problem: `${upper} ${path} is not described by the OpenAPI specs; that path has only ${sameTemplateOtherMethods.join(', ')}`,
      };
    }

    return { problem: `${upper} ${path} matches no operation of the Jira or JSM OpenAPI specs` };
  }

  /** Every way the query string and body differ from what the operation describes. */
  checkRequest(
    matched: MatchedOperation,
    query: URLSearchParams,
    contentType: string | undefined,
    body: { present: false } | { present: true; json: unknown },
  ): string[] {
    const { operation } = matched;
    const problems: string[] = [];
    const queryParams = operation.parameters.filter((p) => p.in === 'query');
    const label = `${operation.method} ${operation.template}`;

    for (const name of new Set(query.keys())) {
      const spec = queryParams.find((p) => p.name === name);
      if (spec === undefined) {
        const known = queryParams.map((p) => p.name).join(', ') || 'none';
        problems.push(
          `query parameter '${name}' is not described for ${label} (described: ${known})`,
        );
        continue;
      }
      const values = query.getAll(name);
      if (spec.schema.type !== 'array' && values.length > 1) {
        problems.push(
          `query parameter '${name}' is given ${values.length} times but is not a list`,
        );
      }
      const itemSchema = spec.schema.type === 'array' ? (spec.schema.items ?? {}) : spec.schema;
      for (const value of values) {
        const parts =
          spec.schema.type === 'array' && itemSchema.type !== 'string' ? value.split(',') : [value];
        for (const part of parts) {
          const problem = checkScalar(part, itemSchema);
          if (problem !== undefined) {
            problems.push(`query parameter '${name}' value '${part}' ${problem}`);
          }
        }
      }
    }
    for (const spec of queryParams) {
      if (spec.required && !query.has(spec.name)) {
        problems.push(`required query parameter '${spec.name}' of ${label} is missing`);
      }
    }
    for (const spec of operation.parameters.filter((p) => p.in === 'path')) {
      const value = matched.pathParams[spec.name];
      const problem = value === undefined ? 'is missing' : checkScalar(value, spec.schema);
      if (problem !== undefined) {
        problems.push(`path parameter '${spec.name}' value '${value}' ${problem}`);
      }
    }

    if (operation.requestBody === undefined) {
      if (body.present) problems.push(`${label} takes no request body, but one was sent`);

      return problems;
    }
    if (!body.present) {
      if (operation.requestBody.required) problems.push(`${label} requires a request body`);

      return problems;
    }
    if (!operation.requestBody.contentTypes.includes('application/json')) {
      problems.push(
        `${label} takes ${operation.requestBody.contentTypes.join(', ')}, not a JSON body`,
      );

      return problems;
    }
    if (contentType === undefined || !/^application\/json\b/i.test(contentType)) {
      problems.push(
        `${label} was sent a JSON body with Content-Type '${contentType ?? '(none)'}'; Jira answers 415 unless it is application/json`,
      );

      return problems;
    }
    const validate = this.validator(
      operation,
      `requestBody/content/${pointerToken('application/json')}/schema`,
    );
    if (!validate(body.json)) {
      problems.push(
        ...(validate.errors ?? [])
          .slice(0, 5)
          .map((e) => `request body rejected by the ${label} schema: ${describeAjvError(e)}`),
      );
    }

    return problems;
  }

  /** Every way an answer of the emulator differs from the operation's response schema. */
  checkResponse(operation: SpecOperation, status: number, body: unknown): string[] {
    const key = String(status);
    if (!operation.jsonResponses.has(key) || body === undefined) return [];
    const validate = this.validator(
      operation,
      `responses/${key}/content/${pointerToken('application/json')}/schema`,
    );
    if (validate(body)) return [];

    return (validate.errors ?? [])
      .slice(0, 5)
      .map(
        (e) =>
          `the emulator's ${status} answer to ${operation.method} ${operation.template} does not match the spec: ${describeAjvError(e).replace(/^(the )?body/, 'answer')}`,
      );
  }

  private validator(operation: SpecOperation, suffix: string): ValidateFunction {
    const ref = `${operation.api}#/paths/${pointerToken(operation.template)}/${operation.method.toLowerCase()}/${suffix}`;
    let validate = this.validators.get(ref);
    if (validate === undefined) {
      validate = this.ajvByApi[operation.api].compile({ $ref: ref });
      this.validators.set(ref, validate);
    }

    return validate;
  }
}

interface RawParameter {
  name: string;
  in: 'query' | 'path' | 'header' | 'cookie';
  required?: boolean;
  schema?: SimpleSchema;
}

interface RawOperation {
  operationId?: string;
  parameters?: RawParameter[];
  requestBody?: { required?: boolean; content?: Record<string, unknown> };
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
  security?: Record<string, string[]>[];
  'x-experimental'?: boolean;
  'x-atlassian-oauth2-scopes'?: { scheme: string; scopes: string[]; state?: string }[];
}

function scopeSetsOf(raw: RawOperation): string[][] {
  const granular = (raw['x-atlassian-oauth2-scopes'] ?? [])
    .filter((s) => s.scheme === 'OAuth2' && s.scopes.length > 0)
    .map((s) => s.scopes);
  if (granular.length > 0) return granular;

  return (raw.security ?? [])
    .map((s) => s.OAuth2)
    .filter((scopes): scopes is string[] => Array.isArray(scopes) && scopes.length > 0);
}

function checkScalar(value: string, schema: SimpleSchema): string | undefined {
  if (schema.enum !== undefined && !schema.enum.map(String).includes(value)) {
    return `is not one of ${schema.enum.map(String).join(', ')}`;
  }
  switch (schema.type) {
    case 'integer':
      return /^-?\d+$/.test(value) ? undefined : 'is not an integer';
    case 'number':
      return Number.isFinite(Number(value)) && value.trim() !== '' ? undefined : 'is not a number';
    case 'boolean':
      return value === 'true' || value === 'false' ? undefined : 'is not true or false';
    default:
      return undefined;
  }
}

let shared: OpenApiIndex | undefined;

/** The index over both specs, built once per process. */
export function openApiIndex(): OpenApiIndex {
  if (shared === undefined) {
    const { jiraPlatform, serviceDesk } = loadOpenApiSpecs();
    shared = new OpenApiIndex({ jira: jiraPlatform, jsm: serviceDesk });
  }

  return shared;
}
