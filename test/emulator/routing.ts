/** What a REST route of the emulator receives and answers, and the errors it may throw. */
import type { UserRecord } from './model';
import type { JsmSite } from './site';
import type { SpecOperation } from './spec';

export interface RouteContext {
  site: JsmSite;
  operation: SpecOperation;
  /** The caller: the app's own user for asApp calls. */
  user: UserRecord;
  viaApp: boolean;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: Record<string, string>;
  body: unknown;
}

export interface RouteResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Route = (ctx: RouteContext) => RouteResult;

/** An HTTP error answer; `api` picks Jira's or JSM's error body. */
export class HttpError extends Error {
  override name = 'HttpError';

  constructor(
    readonly status: number,
    message: string,
    readonly fieldErrors: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** Thrown by a route that found the request outside the emulator's JQL: recorded as a violation. */
export class UnsupportedRequestError extends HttpError {
  override name = 'UnsupportedRequestError';

  constructor(
    readonly violationKind: 'jql' | 'unsupported',
    message: string,
  ) {
    super(400, message);
  }
}

/** All values of a query parameter, comma-separated ones split. */
export function listParam(query: URLSearchParams, name: string): string[] {
  return query
    .getAll(name)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

export function intParam(query: URLSearchParams, name: string, fallback: number): number {
  const value = query.get(name);

  return value === null ? fallback : Number(value);
}

export function boolParam(query: URLSearchParams, name: string, fallback: boolean): boolean {
  const value = query.get(name);

  return value === null ? fallback : value === 'true';
}

/** An opaque page token for cursor-paged endpoints, bound to the query it pages. */
export function encodePageToken(offset: number, query: string): string {
  return Buffer.from(JSON.stringify({ o: offset, q: hash(query) })).toString('base64url');
}

export function decodePageToken(token: string, query: string): number {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
      o?: unknown;
      q?: unknown;
    };
    if (typeof parsed.o === 'number' && parsed.q === hash(query)) return parsed.o;
  } catch {
    // falls through to the error below
  }

  throw new HttpError(
    400,
    `The nextPageToken '${token}' is invalid or was issued for another query.`,
  );
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }

  return h >>> 0;
}
