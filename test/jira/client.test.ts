/**
 * The Jira client's retries and error mapping, through the real @forge/api against a scripted
 * `__forge_fetch__`. End-to-end behaviour against the emulator is in test/integration.
 */
import { route } from '@forge/api';
import { JiraClient, backoffDelay, json, serverDelay } from '../../src/jira/client';
import {
  JiraNotFoundError,
  JiraPermissionError,
  JiraRequestError,
  JiraUnavailableError,
} from '../../src/jira/errors';
import { timing } from '../../src/jira/timing';

type Scripted = { status: number; headers?: Record<string, string>; body?: unknown };

const real = { ...timing };
let now = 0;
let slept: number[] = [];
let calls: { path: string; headers: Record<string, string> }[] = [];

/** Answers product calls from a script, one answer per call. */
function script(...answers: Scripted[]) {
  (globalThis as Record<string, unknown>).__forge_fetch__ = async (
    _meta: unknown,
    path: string,
    init: { headers?: Record<string, string> } | undefined,
  ) => {
    calls.push({ path, headers: init?.headers ?? {} });
    const answer = answers.shift() ?? { status: 500 };
    const body = answer.body === undefined ? null : JSON.stringify(answer.body);
    return new Response(body, { status: answer.status, headers: answer.headers });
  };
}

beforeEach(() => {
  now = Date.parse('2026-12-03T09:00:00Z');
  slept = [];
  calls = [];
  timing.now = () => now;
  timing.sleep = async (ms) => {
    slept.push(ms);
    now += ms;
  };
  timing.random = () => 0.5;
});

afterAll(() => Object.assign(timing, real));

const get = (client: JiraClient) =>
  client.call<{ ok: boolean }>('GET /rest/api/3/issue/{issueIdOrKey}', (product) =>
    product.requestJira(route`/rest/api/3/issue/${'SUP-1'}`),
  );

describe('JiraClient.call', () => {
  it('returns the parsed answer', async () => {
    script({ status: 200, body: { ok: true } });
    await expect(get(JiraClient.asApp(20_000))).resolves.toEqual({
      status: 200,
      body: { ok: true },
    });
    expect(calls[0].path).toBe('/rest/api/3/issue/SUP-1');
  });

  it('waits as long as Retry-After says before retrying a 429', async () => {
    script({ status: 429, headers: { 'Retry-After': '3' } }, { status: 200, body: { ok: true } });
    await get(JiraClient.asApp(20_000));
    expect(slept).toEqual([3000]);
  });

  it('waits until X-RateLimit-Reset when Retry-After is missing', async () => {
    const reset = new Date(now + 4500).toISOString();
    script({ status: 429, headers: { 'X-RateLimit-Reset': reset } }, { status: 200, body: {} });
    await get(JiraClient.asApp(20_000));
    expect(slept).toEqual([4500]);
  });

  it('backs off exponentially on a bare 503', async () => {
    script({ status: 503 }, { status: 503 }, { status: 503 }, { status: 200, body: {} });
    await get(JiraClient.asApp(20_000));
    expect(slept).toEqual([375, 750, 1500]);
  });

  it('gives up with a typed error when the next wait would pass the time budget', async () => {
    script(
      { status: 429, headers: { 'Retry-After': '2' } },
      { status: 429, headers: { 'Retry-After': '30' } },
    );
    const error = await get(JiraClient.asApp(10_000)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JiraUnavailableError);
    expect(error).toMatchObject({
      status: 429,
      attempts: 2,
      endpoint: 'GET /rest/api/3/issue/{issueIdOrKey}',
    });
  });

  it.each([
    [404, JiraNotFoundError],
    [403, JiraPermissionError],
    [400, JiraRequestError],
  ])('maps a %i to its error class without the response body', async (status, type) => {
    script({ status, body: { errorMessages: ['a customer wrote: secret text'] } });
    const error = (await get(JiraClient.asApp(20_000)).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(type);
    expect(error.message).not.toMatch(/secret/);
    expect(error.message).toMatch(/GET \/rest\/api\/3\/issue\/\{issueIdOrKey\} answered/);
  });

  it('returns an accepted status instead of raising it', async () => {
    script({ status: 404 });
    const answer = await JiraClient.asApp(20_000).call(
      'DELETE x',
      (product) => product.requestJira(route`/rest/api/3/issue/1`, { method: 'DELETE' }),
      { accept: [404] },
    );
    expect(answer.status).toBe(404);
  });

  it('opts in to experimental endpoints with the header JSM asks for', async () => {
    script({ status: 201, body: {} });
    await JiraClient.asApp(20_000).call('POST x', (product) =>
      product.requestJira(route`/rest/servicedeskapi/servicedesk/${'1'}/requesttype`, {
        method: 'POST',
        ...json({}, { experimental: true }),
      }),
    );
    expect(calls[0].headers['X-ExperimentalApi']).toBe('opt-in');
  });
});

describe('serverDelay', () => {
  const headers = (values: Record<string, string>) => new Headers(values);

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(serverDelay(headers({ 'Retry-After': '5' }), 0)).toBe(5000);
    expect(
      serverDelay(
        headers({ 'Retry-After': 'Thu, 03 Dec 2026 09:00:10 GMT' }),
        Date.parse('2026-12-03T09:00:00Z'),
      ),
    ).toBe(10_000);
  });

  it('is null when the answer says nothing', () => {
    expect(serverDelay(headers({}), 0)).toBeNull();
  });
});

describe('backoffDelay', () => {
  it('doubles up to a cap, with jitter between half and all of it', () => {
    expect(backoffDelay(0, 0)).toBe(250);
    expect(backoffDelay(0, 1)).toBe(500);
    expect(backoffDelay(10, 1)).toBe(8000);
  });
});
