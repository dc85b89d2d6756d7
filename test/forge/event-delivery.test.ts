/** Product events delivered to the manifest's triggers: ignoreSelf, duplicates, late and shuffled. */
import { audited } from './fixtures/src/index';
import { fixtureRuntimeOptions } from './fixture';
import { useForgeRuntime } from './jest';
import { HandlerFailedError } from './runtime';

describe('product event delivery', () => {
  const env = useForgeRuntime(() => fixtureRuntimeOptions());

  beforeEach(() => {
    audited.length = 0;
  });

  it("calls the handlers the manifest names with Forge's event and context", async () => {
    env.site.createRequest({ requestType: '10', reporter: 'cust-anna', summary: 'Prestiti' });

    await env.runtime.deliverPending();

    expect(audited[0]).toEqual({
      eventType: 'avi:jira:created:issue',
      key: 'SD-1',
      atlassianId: 'cust-anna',
      context: expect.objectContaining({
        installContext: `ari:cloud:jira::site/${env.site.cloudId}`,
        moduleKey: 'audit-everything',
      }),
    });
    expect(env.site.issue('SD-1').labels).toEqual(['seen']);
  });

  it("drops the app's own changes for ignoreSelf triggers only", async () => {
    env.site.createRequest({ requestType: '10', reporter: 'cust-anna', summary: 'Prestiti' });

    const records = await env.runtime.deliverPending();

    expect(records.map((r) => [r.moduleKey, r.eventType])).toEqual([
      ['label-on-change', 'avi:jira:created:issue'],
      ['audit-everything', 'avi:jira:created:issue'],
      ['audit-everything', 'avi:jira:updated:issue'],
    ]);
    expect(audited.map((a) => a.atlassianId)).toEqual(['cust-anna', env.site.appAccountId]);
  });

  it('delivers an event twice, late, and in shuffled order', async () => {
    env.site.createRequest({ requestType: '10', reporter: 'cust-anna', summary: 'Uno' });
    env.site.createRequest({ requestType: '10', reporter: 'cust-bruno', summary: 'Due' });
    env.site.createRequest({ requestType: '10', reporter: 'cust-carla', summary: 'Tre' });
    const [first] = env.runtime.pendingEvents();

    await env.runtime.deliverPending({ order: 'shuffled', times: 2 });
    await env.runtime.clock.advance({ minutes: 3 });
    await env.runtime.deliver(first?.event as never);

    const created = audited
      .filter((a) => a.eventType === 'avi:jira:created:issue')
      .map((a) => a.key);
    expect(created).toHaveLength(7);
    expect(created.slice(0, 6)).not.toEqual(['SD-1', 'SD-1', 'SD-2', 'SD-2', 'SD-3', 'SD-3']);
    expect(created.at(-1)).toBe('SD-1');
    expect(env.runtime.kvs.get('seen:SD-1')).toBe(3);
  });

  it('throws HandlerFailedError when a handler fails, unless failures are allowed', async () => {
    env.site.createRequest({ requestType: '10', reporter: 'cust-anna', summary: 'Prestiti' });
    const [event] = env.runtime.takePendingEvents();
    env.site.withoutEvents(() => env.site.deleteIssue('SD-1', { by: 'agent-marco' }));

    await expect(env.runtime.deliver(event as never)).rejects.toThrow(HandlerFailedError);
    const records = await env.runtime.deliver(event as never, { allowFailures: true });

    expect(records.find((r) => r.moduleKey === 'label-on-change')?.error?.message).toBeDefined();
  });

  it('counts the REST calls of each invocation', async () => {
    env.site.createRequest({ requestType: '10', reporter: 'cust-anna', summary: 'Prestiti' });

    const [labeller] = await env.runtime.deliverPending();

    expect(labeller?.calls).toMatchObject({ reads: 1, writes: 1 });
    expect(labeller?.calls.byEndpoint).toEqual({
      'GET /rest/api/3/issue/{issueIdOrKey}': { reads: 1, writes: 0 },
      'PUT /rest/api/3/issue/{issueIdOrKey}': { reads: 0, writes: 1 },
    });
  });
});
