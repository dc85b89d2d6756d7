/**
 * The one door to Jira and JSM: every REST call goes through `JiraClient.call`, which retries
 * rate limits (429) and unavailability (503) within the invocation's time budget and turns every
 * other failure into one of the errors of `./errors`.
 */
import api, { type RequestProductMethod } from '@forge/api';
import { JiraUnavailableError, errorForStatus } from './errors';
import { timing } from './timing';

/** What `api.asApp()` and `api.asUser()` offer for Jira: the one method operations call. */
export interface ProductFetcher {
  requestJira: RequestProductMethod;
}

/**
 * Sends one request. Operations write `requestJira(route`…`, { method: … })` literally, so that
 * Forge's linter can match every route against the manifest's scopes.
 */
export type Send = (product: ProductFetcher) => ReturnType<RequestProductMethod>;

export interface CallOptions {
  /** Statuses returned to the caller as an answer instead of raised, such as 404 for "absent". */
  accept?: readonly number[];
}

export interface JiraAnswer<T> {
  status: number;
  body: T;
}

export interface JiraClientOptions {
  /** Call with the app's own rights, or with those of the user the invocation runs for. */
  as: 'app' | 'user';
  /** Epoch milliseconds after which no retry starts; the invocation's time budget. */
  deadline: number;
}

/** The headers and body of a JSON request; `experimental` opts in to JSM's experimental calls. */
export function json(body: unknown, { experimental = false } = {}) {
  return {
    headers: {
      Accept: 'application/json',
      'Content-Type': 'application/json',
      ...(experimental && { 'X-ExperimentalApi': 'opt-in' }),
    },
    body: JSON.stringify(body),
  };
}

/** The headers of a request without a body. */
export const ACCEPT_JSON = { Accept: 'application/json' };

/** The part of a fetch `Headers` that the retry logic reads. */
export interface HeaderReader {
  get(name: string): string | null;
}

const FIRST_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 8_000;
const RETRIED = new Set([429, 503]);

/** Milliseconds to wait before retrying, from `Retry-After` or `X-RateLimit-Reset`, if given. */
export function serverDelay(headers: HeaderReader, now: number): number | null {
  const retryAfter = headers.get('retry-after');
  if (retryAfter !== null) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const at = Date.parse(retryAfter);
    if (!Number.isNaN(at)) return Math.max(0, at - now);
  }
  const reset = headers.get('x-ratelimit-reset');
  if (reset !== null) {
    const at = Date.parse(reset);
    if (!Number.isNaN(at)) return Math.max(0, at - now);
  }
  return null;
}

/** Capped exponential backoff with full jitter for the given retry (0 for the first). */
export function backoffDelay(retry: number, random: number): number {
  const ceiling = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** retry);
  return Math.round(ceiling * (0.5 + random / 2));
}

export class JiraClient {
  constructor(private readonly options: JiraClientOptions) {}

  /** A client acting as the app, with `budgetMs` from now to finish its retries. */
  static asApp(budgetMs: number): JiraClient {
    return new JiraClient({ as: 'app', deadline: timing.now() + budgetMs });
  }

  /**
   * Sends one request and parses its JSON answer, retrying 429 and 503. `endpoint` names it for
   * errors and logs, as method and path template (`GET /rest/api/3/issue/{issueIdOrKey}`).
   */
  async call<T>(endpoint: string, send: Send, options: CallOptions = {}): Promise<JiraAnswer<T>> {
    for (let attempt = 1; ; attempt++) {
      const response = await send(this.options.as === 'app' ? api.asApp() : api.asUser());

      if (RETRIED.has(response.status)) {
        const now = timing.now();
        const delay =
          serverDelay(response.headers, now) ?? backoffDelay(attempt - 1, timing.random());
        if (now + delay > this.options.deadline) {
          throw new JiraUnavailableError(response.status, endpoint, attempt);
        }
        await timing.sleep(delay);
        continue;
      }
      if (!response.ok && !options.accept?.includes(response.status)) {
        throw errorForStatus(response.status, endpoint);
      }

      const text = await response.text();
      return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
    }
  }
}
