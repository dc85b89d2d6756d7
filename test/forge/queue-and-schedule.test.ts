/** Scheduled triggers on the simulated clock, queue pushes through @forge/events, consumers. */
import { Queue } from '@forge/events';
import { fixtureRuntimeOptions } from './fixture';
import { useForgeRuntime } from './jest';

describe('scheduled triggers, queue and consumers', () => {
  const env = useForgeRuntime(() => fixtureRuntimeOptions());

  beforeEach(() => {
    const { site } = env;
    site.withoutEvents(() => {
      for (const [i, severity] of [3, 1, 2].entries()) {
        site.createRequest({
          requestType: '10',
          reporter: 'cust-anna',
          summary: `Richiesta ${i + 1}`,
        });
        site.setIssueProperty(`SD-${i + 1}`, 'fixture-sla', {
          state: i === 2 ? 'closed' : 'open',
          severity,
        });
      }
    });
  });

  it('runs the hourly trigger at each elapsed hour, with Date on the simulated clock', async () => {
    const runs = await env.runtime.clock.advance({ hours: 2, minutes: 30 });

    expect(runs.map((r) => [r.moduleKey, new Date(r.startedAt).toISOString()])).toEqual([
      ['hourly-sweep', '2026-12-03T09:00:00.000Z'],
      ['hourly-sweep', '2026-12-03T10:00:00.000Z'],
    ]);
    expect(env.runtime.kvs.keys().filter((k) => k.startsWith('sweep:'))).toEqual([
      'sweep:2026-12-03T09:00:00.000Z',
      'sweep:2026-12-03T10:00:00.000Z',
    ]);
    expect(new Date().toISOString()).toBe('2026-12-03T10:30:00.000Z');
  });

  it('delivers what the trigger pushed with @forge/events to the consumer, retrying on request', async () => {
    await env.runtime.clock.advance({ hours: 1 });

    expect(env.runtime.queuedEvents().map((e) => [e.queueName, e.body])).toEqual([
      ['recompute', { issueKey: 'SD-2' }],
      ['recompute', { issueKey: 'SD-1' }],
    ]);
    const firstPass = await env.runtime.drain();

    expect(firstPass.map((r) => r.moduleKey)).toEqual(['recompute-consumer', 'recompute-consumer']);
    expect(env.site.issueProperty('SD-1', 'fixture-sla')).toEqual({
      state: 'checked',
      checkedAt: '2026-12-03T09:00:00.000Z',
      retried: 0,
    });
    expect(env.runtime.queuedEvents().map((e) => [e.body, e.retryCount])).toEqual([
      [{ issueKey: 'SD-2' }, 1],
    ]);

    env.site.clock.advanceBy(30_000);
    await env.runtime.drain();

    expect(env.site.issueProperty('SD-2', 'fixture-sla')).toEqual({
      state: 'checked',
      checkedAt: '2026-12-03T09:00:30.000Z',
      retried: 1,
    });
    expect(env.runtime.queuedEvents()).toEqual([]);
  });

  it('answers a push from test code with 201 and keeps delayed events until due', async () => {
    const { jobId } = await new Queue({ key: 'recompute' }).push({
      body: { issueKey: 'SD-3' },
      delayInSeconds: 60,
    });

    expect(jobId).toEqual(expect.any(String));
    expect(await env.runtime.drain()).toEqual([]);
    await env.runtime.clock.advance({ seconds: 60 });
    expect((await env.runtime.drain()).map((r) => r.moduleKey)).toEqual(['recompute-consumer']);
    expect(await new Queue({ key: 'recompute' }).getStats(jobId)).toEqual({
      success: 1,
      inProgress: 0,
      failed: 0,
    });
  });

  it('records a push to a queue no consumer listens to', async () => {
    await new Queue({ key: 'nobody-listens' }).push({ body: { x: 1 } });

    expect(env.runtime.runtimeViolations.splice(0).map((v) => v.problems[0])).toEqual([
      expect.stringContaining("queue 'nobody-listens' has no consumer module"),
    ]);
  });
});
