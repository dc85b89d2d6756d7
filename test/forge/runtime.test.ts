/** The runtime seam: real @forge/api calls reach the emulator with the caller's identity. */
import api, { getAppContext, NeedsAuthenticationError, route } from '@forge/api';
import { SpecViolationError } from '../emulator/site';
import { fixtureRuntimeOptions } from './fixture';
import { useForgeRuntime } from './jest';
import { installForgeRuntime } from './runtime';

type Json = Record<string, any>;

describe('product calls through __forge_fetch__', () => {
  const env = useForgeRuntime(() => fixtureRuntimeOptions());

  beforeEach(() => {
    env.site.createRequest({
      requestType: '10',
      reporter: 'cust-anna',
      summary: 'Il prestito non parte',
    });
    env.runtime.discardPendingEvents();
  });

  it('reaches the emulator as the app with requestJira and route', async () => {
    const response = await api
      .asApp()
      .requestJira(route`/rest/api/3/issue/${'SD-1'}?fields=summary`);

    expect(response.status).toBe(200);
    expect(((await response.json()) as Json).fields.summary).toBe('Il prestito non parte');
    expect(env.site.calls.all.at(-1)).toMatchObject({
      caller: 'app',
      endpoint: 'GET /rest/api/3/issue/{issueIdOrKey}',
    });
  });

  it('reaches the emulator as the user, whose visibility applies', async () => {
    const colleague = await api
      .asUser('cust-carla')
      .requestJira(route`/rest/servicedeskapi/request/${'SD-1'}`);
    const stranger = await api
      .asUser('cust-bruno')
      .requestJira(route`/rest/servicedeskapi/request/${'SD-1'}`);

    expect(colleague.status).toBe(200);
    expect(stranger.status).toBe(404);
    expect(env.site.calls.all.map((c) => c.caller)).toEqual(['cust-carla', 'cust-bruno']);
  });

  it('uses the user of the invocation for asUser() without an account id', async () => {
    const resolver = env.runtime.resolverFor('status-panel', {
      accountId: 'cust-bruno',
      extension: { issue: { key: 'SD-1' } },
    });

    expect(await resolver.invoke('getStatus', {})).toEqual({ visible: false });
    const agent = env.runtime.resolverFor('status-panel', {
      accountId: 'agent-giulia',
      extension: { issue: { key: 'SD-1' } },
    });
    expect(await agent.invoke('getStatus', {})).toEqual({
      visible: true,
      status: 'Aperta',
      accountId: 'agent-giulia',
    });
  });

  it('hands injected faults to the SDK as plain answers with their headers', async () => {
    env.site.faults.add(
      { type: 'rate-limit', retryAfterSeconds: 2 },
      { times: 1, operation: 'getIssue' },
    );
    env.site.faults.add({ type: 'unavailable' }, { times: 1, operation: 'getIssue' });

    const limited = await api.asApp().requestJira(route`/rest/api/3/issue/${'SD-1'}`);
    const unavailable = await api.asApp().requestJira(route`/rest/api/3/issue/${'SD-1'}`);
    const fine = await api.asApp().requestJira(route`/rest/api/3/issue/${'SD-1'}`);

    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '2']);
    expect([unavailable.status, unavailable.headers.get('retry-after')]).toEqual([503, null]);
    expect(fine.status).toBe(200);
  });

  it('records a call the specs do not describe, so that uninstalling fails the test', async () => {
    const response = await api.asApp().requestJira(route`/rest/api/3/issue/${'SD-1'}/nonsense`);

    expect(response.status).toBe(400);
    expect(() => env.runtime.assertNoSpecViolations()).toThrow(SpecViolationError);
    expect(() => env.runtime.assertNoSpecViolations()).not.toThrow();
  });

  it('answers 401 when the manifest lacks the scope the operation needs', async () => {
    const response = await api
      .asApp()
      .requestJira(route`/rest/servicedeskapi/request/${'SD-1'}/comment`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ body: 'Ciao', public: true }),
      });

    expect(response.status).toBe(401);
    expect(env.runtime.site.specViolations.splice(0).map((v) => v.kind)).toEqual(['scope']);
  });

  it('gives handlers their remaining time on the simulated clock, with virtual sleeps', async () => {
    const started = Date.now();
    const record = await env.runtime.invokeFunction('slow-worker', [30_000]);

    expect(record.result).toEqual({ before: 120_000, after: 90_000 });
    expect(record.timedOut).toBe(false);
    expect(Date.now() - started).toBe(30_000);
  });

  it('marks an invocation that runs past its deadline as timed out', async () => {
    const record = await env.runtime.invokeFunction('slow-worker', [121_000]);

    expect(record.timedOut).toBe(true);
  });

  it('answers NeedsAuthentication when asUser() has no user to act for', async () => {
    const record = await env.runtime.invokeFunction('read-as-user', [undefined, 'SD-1']);

    expect(record.error).toBeInstanceOf(NeedsAuthenticationError);
  });
});

describe('installing and uninstalling', () => {
  it('patches Date to the simulated clock and restores everything', () => {
    const RealDate = Date;
    const runtime = installForgeRuntime(fixtureRuntimeOptions());
    const g = globalThis as Record<string, unknown>;

    expect(new Date().toISOString()).toBe('2026-12-03T08:00:00.000Z');
    expect(Date.now()).toBe(Date.parse('2026-12-03T08:00:00Z'));
    expect(new Date(0).toISOString()).toBe('1970-01-01T00:00:00.000Z');
    expect(new Date()).toBeInstanceOf(RealDate);
    expect(typeof g.__forge_fetch__).toBe('function');
    expect(getAppContext().appAri.toString()).toBe(
      'ari:cloud:ecosystem::app/8f0e5c8a-1111-4c8e-9d55-3c2f1b7a0e01',
    );

    runtime.uninstall();

    expect(Date).toBe(RealDate);
    expect(g.__forge_fetch__).toBeUndefined();
    expect(g.__forge_runtime__).toBeUndefined();
    expect(Math.abs(Date.now() - new RealDate().getTime())).toBeLessThan(1000);
  });

  it('refuses a second runtime while one is installed', () => {
    const runtime = installForgeRuntime(fixtureRuntimeOptions());

    expect(() => installForgeRuntime(fixtureRuntimeOptions())).toThrow(/already installed/);
    runtime.uninstall();
  });

  it('throws unasserted violations when uninstalled', async () => {
    const runtime = installForgeRuntime(fixtureRuntimeOptions());
    await api.asApp().requestJira(route`/rest/api/3/nothing-here`);

    expect(() => runtime.uninstall()).toThrow(/matches no operation/);
    expect((globalThis as Record<string, unknown>).__forge_fetch__).toBeUndefined();
  });
});
