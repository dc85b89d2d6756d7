/**
 * The emulated site's HTTP surface: one function from a request to an answer. Every request is
 * matched against the OpenAPI specs and checked (path, query, body); what the specs do not
 * describe answers 400 and is recorded as a violation for the test that made it.
 */
import { isReadCall } from './calls';
import type { UserRecord } from './model';
import { jiraRoutes } from './routes-jira';
import { jsmRoutes } from './routes-jsm';
import { HttpError, UnsupportedRequestError, type RouteResult } from './routing';
import { SiteError } from './errors';
import type { JsmSite, SpecViolation } from './site';
import { openApiIndex, type ApiName, type MatchedOperation } from './spec';

/** `'app'` for asApp calls, `{ accountId }` for asUser calls (or a test acting as that user). */
export type Caller = 'app' | { accountId: string };

export interface SiteRequest {
  method: string;
  /** Path with query string, e.g. `/rest/api/3/issue/SD-1?fields=status`. */
  path: string;
  headers?: Record<string, string>;
  /** A JSON string (as fetch sends it) or a value to be sent as JSON. */
  body?: unknown;
  caller: Caller;
  /** Made by the app's runtime (so `filter.ignoreSelf` drops the events it causes). */
  viaApp?: boolean;
  /** Counts the call in this open invocation of `site.calls`. */
  invocationId?: string;
  /** The app's granted scopes; when given, calls need one of the operation's scope sets. */
  grantedScopes?: readonly string[];
}

export interface SiteResponse {
  status: number;
  headers: Record<string, string>;
  /** Parsed JSON body; undefined for 204 and empty answers. */
  body: unknown;
}

const realSetTimeout = globalThis.setTimeout;

function errorBody(
  api: ApiName | undefined,
  status: number,
  message: string,
  fields: Record<string, string> = {},
): unknown {
  if (api === 'jsm') {
    return {
      errorMessage: message,
      i18nErrorMessage: { i18nKey: `sd.emulator.error.${status}`, parameters: [] },
    };
  }

  return { errorMessages: message === '' ? [] : [message], errors: fields };
}

function lowerHeaders(headers: Record<string, string> | undefined): Record<string, string> {
  const lower: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) lower[name.toLowerCase()] = value;

  return lower;
}

/** Answers one request as the emulated site. */
export async function handleRequest(site: JsmSite, request: SiteRequest): Promise<SiteResponse> {
  const method = request.method.toUpperCase();
  const url = new URL(request.path, site.baseUrl);
  const headers = lowerHeaders(request.headers);
  const callerLabel = request.caller === 'app' ? 'app' : request.caller.accountId;
  const found: { matched?: MatchedOperation } = {};

  const answer = (
    status: number,
    body?: unknown,
    extraHeaders: Record<string, string> = {},
    fault?: string,
  ): SiteResponse => {
    site.calls.record({
      invocationId: request.invocationId,
      method,
      path: `${url.pathname}${url.search}`,
      endpoint:
        found.matched === undefined
          ? `${method} ${url.pathname}`
          : `${method} ${found.matched.operation.template}`,
      operationId: found.matched?.operation.operationId,
      kind: isReadCall(method, found.matched?.operation.operationId) ? 'read' : 'write',
      status,
      fault,
      caller: callerLabel,
      at: site.now(),
    });
    const responseHeaders: Record<string, string> = {
      'x-arequestid': `emulator-${site.calls.all.length}`,
      ...extraHeaders,
    };
    if (body !== undefined) responseHeaders['content-type'] = 'application/json;charset=UTF-8';

    return { status, headers: responseHeaders, body };
  };
  const violation = (kind: SpecViolation['kind'], problems: string[]): void => {
    site.recordViolation({
      kind,
      method,
      path: `${url.pathname}${url.search}`,
      problems,
      caller: callerLabel,
      invocationId: request.invocationId,
    });
  };

  let user: UserRecord;
  if (request.caller === 'app') {
    user = site.appUser();
  } else {
    const known = site.users.get(request.caller.accountId);
    if (known === undefined) {
      violation('unsupported', [
        `no user with accountId ${request.caller.accountId} on the emulated site; seed it with addAgent or addCustomer`,
      ]);

      return answer(401, errorBody(undefined, 401, 'Unknown user.'));
    }
    user = known;
  }

  const index = openApiIndex();
  const match = index.match(method, url.pathname);
  if ('problem' in match) {
    violation('spec', [match.problem]);

    return answer(400, errorBody(undefined, 400, `Emulator: ${match.problem}`));
  }
  found.matched = match;
  const { operation } = match;

  let body: { present: false } | { present: true; json: unknown } = { present: false };
  if (request.body !== undefined && request.body !== null && request.body !== '') {
    if (typeof request.body === 'string') {
      try {
        body = { present: true, json: JSON.parse(request.body) };
      } catch {
        violation('spec', [`the request body is not valid JSON: ${request.body.slice(0, 80)}`]);

        return answer(
          400,
          errorBody(
            operation.api,
            400,
            'Unexpected character in the request body: it is not JSON.',
          ),
        );
      }
    } else {
      body = { present: true, json: request.body };
      headers['content-type'] ??= 'application/json';
    }
  }
  const problems = index.checkRequest(match, url.searchParams, headers['content-type'], body);
  if (problems.length > 0) {
    violation('spec', problems);

    return answer(400, errorBody(operation.api, 400, `Emulator: ${problems.join('; ')}`));
  }

  if (request.grantedScopes !== undefined && operation.scopeSets.length > 0) {
    const granted = new Set(request.grantedScopes);
    if (!operation.scopeSets.some((set) => set.every((scope) => granted.has(scope)))) {
      violation('scope', [
        `${method} ${operation.template} needs the scopes ${operation.scopeSets.map((s) => `[${s.join(', ')}]`).join(' or ')}; the manifest grants [${[...granted].join(', ')}]`,
      ]);

      return answer(401, { code: 401, message: 'Unauthorized; scope does not match' });
    }
  }

  if (
    operation.api === 'jsm' &&
    operation.experimental &&
    headers['x-experimentalapi'] !== 'opt-in'
  ) {
    return answer(
      412,
      errorBody(
        'jsm',
        412,
        "This API is experimental. Experimental APIs are not guaranteed to be stable within the preview period. You must set the header 'X-ExperimentalApi: opt-in' to opt into using this API.",
      ),
    );
  }

  const decision = site.faults.decide({
    method,
    path: `${url.pathname}${url.search}`,
    operationId: operation.operationId,
    endpoint: `${method} ${operation.template}`,
  });
  if (decision.delayMs > 0) {
    if (site.delays === 'real') {
      await new Promise((resolve) => realSetTimeout(resolve, decision.delayMs));
    } else {
      site.clock.advanceBy(decision.delayMs);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  if (decision.answer !== undefined) {
    const fault = decision.answer;
    const faultHeaders: Record<string, string> = {};
    if (fault.retryAfterSeconds !== undefined)
      faultHeaders['retry-after'] = String(fault.retryAfterSeconds);
    if (fault.type === 'rate-limit') {
      if (fault.resetAfterSeconds !== undefined) {
        faultHeaders['x-ratelimit-reset'] = new Date(
          site.now() + fault.resetAfterSeconds * 1000,
        ).toISOString();
      }

      return answer(
        429,
        errorBody(operation.api, 429, 'Rate limit exceeded.'),
        faultHeaders,
        fault.type,
      );
    }

    return answer(
      503,
      errorBody(operation.api, 503, 'Service Unavailable'),
      faultHeaders,
      fault.type,
    );
  }

  const routeKey = `${method} ${operation.template}`;
  const route =
    jsmRoutes[routeKey] ??
    (operation.api === 'jira' ? jiraRoutes[operation.operationId] : undefined);
  if (route === undefined) {
    violation('unsupported', [
      `${routeKey} (${operation.operationId}) is in the specs but the emulator does not implement it yet; add it to test/emulator/routes-${operation.api}.ts`,
    ]);

    return answer(501, errorBody(operation.api, 501, `Emulator: ${routeKey} is not implemented`));
  }

  let result: RouteResult;
  try {
    result = route({
      site,
      operation,
      user,
      viaApp: request.viaApp === true,
      params: match.pathParams,
      query: url.searchParams,
      headers,
      body: body.present ? body.json : undefined,
    });
  } catch (error) {
    if (error instanceof UnsupportedRequestError) {
      violation(error.violationKind, [error.message]);

      return answer(400, errorBody(operation.api, 400, error.message));
    }
    if (error instanceof HttpError || error instanceof SiteError) {
      return answer(
        error.status,
        errorBody(operation.api, error.status, error.message, error.fieldErrors),
      );
    }
    const failure = error as Error;
    violation('emulator', [
      `the emulator failed on this call: ${failure.stack ?? failure.message}`,
    ]);

    return answer(500, errorBody(operation.api, 500, 'Emulator internal error'));
  }

  if (site.validateResponses && result.status >= 200 && result.status < 300) {
    const mismatches = index.checkResponse(operation, result.status, result.body);
    if (mismatches.length > 0) violation('response', mismatches);
  }

  return answer(result.status, result.body, result.headers);
}
