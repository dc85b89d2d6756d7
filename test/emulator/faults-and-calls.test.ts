/** Injected faults (429s, 503s, slow answers) and the per-invocation call counts. */
import { buildFixtureSite } from './fixture-site';
import { call } from './helpers';

describe('fault injection', () => {
  it('answers 429 with Retry-After, with only X-RateLimit-Reset, or bare', async () => {
    const site = buildFixtureSite();
    site.faults.add({ type: 'rate-limit', retryAfterSeconds: 3 }, { times: 1 });
    site.faults.add({ type: 'rate-limit', resetAfterSeconds: 30 }, { times: 1 });
    site.faults.add({ type: 'rate-limit' }, { times: 1 });

    const [withRetryAfter, withReset, bare, normal] = [
      await call(site, 'GET', '/rest/api/3/field'),
      await call(site, 'GET', '/rest/api/3/field'),
      await call(site, 'GET', '/rest/api/3/field'),
      await call(site, 'GET', '/rest/api/3/field'),
    ];

    expect(withRetryAfter.status).toBe(429);
    expect(withRetryAfter.headers['retry-after']).toBe('3');
    expect(withReset.status).toBe(429);
    expect(withReset.headers['retry-after']).toBeUndefined();
    expect(withReset.headers['x-ratelimit-reset']).toBe('2026-12-03T08:00:30.000Z');
    expect(bare.status).toBe(429);
    expect(bare.headers['retry-after']).toBeUndefined();
    expect(bare.headers['x-ratelimit-reset']).toBeUndefined();
    expect(normal.status).toBe(200);
  });

  it('answers 503 with or without Retry-After, only on the paths asked for', async () => {
    const site = buildFixtureSite();
    site.createRequest({ requestType: '10', reporter: 'cust-anna', summary: 'Prestiti' });
    site.faults.add(
      { type: 'unavailable', retryAfterSeconds: 5 },
      { times: 1, path: '/rest/api/3/issue/*' },
    );
    site.faults.add({ type: 'unavailable' }, { times: 1, operation: 'getFields' });

    const fields = await call(site, 'GET', '/rest/api/3/field');
    const desks = await call(site, 'GET', '/rest/servicedeskapi/servicedesk');
    const issue = await call(site, 'GET', '/rest/api/3/issue/SD-1?fields=status');

    expect([fields.status, desks.status, issue.status]).toEqual([503, 200, 503]);
    expect(fields.headers['retry-after']).toBeUndefined();
    expect(issue.headers['retry-after']).toBe('5');
  });

  it('draws probabilistic faults from the seed, the same way every run', async () => {
    const statuses = async (seed: number) => {
      const site = buildFixtureSite({ seed });
      site.faults.add({ type: 'rate-limit', retryAfterSeconds: 1 }, { probability: 0.3 });
      const seen: number[] = [];
      for (let i = 0; i < 40; i += 1)
        seen.push((await call(site, 'GET', '/rest/api/3/field')).status);

      return seen;
    };

    const first = await statuses(42);
    const limited = first.filter((s) => s === 429).length;

    expect(await statuses(42)).toEqual(first);
    expect(await statuses(43)).not.toEqual(first);
    expect(limited).toBeGreaterThan(4);
    expect(limited).toBeLessThan(20);
  });

  it('delays a slow answer on the simulated clock', async () => {
    const site = buildFixtureSite();
    const handle = site.faults.add({ type: 'slow', delayMs: 7000 }, { times: 1 });

    const before = site.now();
    const response = await call(site, 'GET', '/rest/api/3/field');

    expect(response.status).toBe(200);
    expect(site.now() - before).toBe(7000);
    expect(handle.hits).toBe(1);
  });

  it('refuses a probability outside [0, 1]', () => {
    const site = buildFixtureSite();

    expect(() => site.faults.add({ type: 'rate-limit' }, { probability: 1.5 })).toThrow(
      /between 0 and 1/,
    );
  });
});

describe('call counting', () => {
  it('counts reads and writes per invocation and endpoint; search and bulkfetch are reads', async () => {
    const site = buildFixtureSite();
    site.createRequest({ requestType: '10', reporter: 'cust-anna', summary: 'Prestiti' });
    const invocation = site.calls.begin('trigger sla', site.now());

    const inside = { caller: 'app' as const, invocationId: invocation.id };
    await site.handle({ ...inside, method: 'GET', path: '/rest/api/3/issue/SD-1?fields=status' });
    await site.handle({
      ...inside,
      method: 'POST',
      path: '/rest/api/3/search/jql',
      headers: { 'content-type': 'application/json' },
      body: '{"jql":"project = SD"}',
    });
    await site.handle({
      ...inside,
      method: 'PUT',
      path: '/rest/api/3/issue/SD-1/properties/sla',
      headers: { 'content-type': 'application/json' },
      body: '{"a":1}',
    });
    await call(site, 'GET', '/rest/api/3/field');
    site.calls.end(invocation.id, site.now());

    expect(invocation).toMatchObject({ reads: 2, writes: 1 });
    expect(invocation.byEndpoint).toEqual({
      'GET /rest/api/3/issue/{issueIdOrKey}': { reads: 1, writes: 0 },
      'POST /rest/api/3/search/jql': { reads: 1, writes: 0 },
      'PUT /rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}': { reads: 0, writes: 1 },
    });
    expect(site.calls.outsideInvocations().map((c) => c.endpoint)).toEqual([
      'GET /rest/api/3/field',
    ]);
  });

  it('counts a faulted call, marked with its fault', async () => {
    const site = buildFixtureSite();
    site.faults.add({ type: 'rate-limit' }, { times: 1 });

    await call(site, 'GET', '/rest/api/3/field');

    expect(site.calls.all.map((c) => [c.status, c.fault])).toEqual([[429, 'rate-limit']]);
  });
});
