/** The in-memory KVS, through the real @forge/kvs. */
import { kvs, WhereConditions, type ForgeKvsAPIError } from '@forge/kvs';
import { fixtureRuntimeOptions } from './fixture';
import { useForgeRuntime } from './jest';

describe('KVS through @forge/kvs', () => {
  const env = useForgeRuntime(() => fixtureRuntimeOptions());

  it('sets, gets and deletes values; a missing key reads as undefined', async () => {
    await kvs.set('config', { zone: 'Europe/Rome', warningPercent: 80 });

    expect(await kvs.get('config')).toEqual({ zone: 'Europe/Rome', warningPercent: 80 });
    await kvs.delete('config');
    expect(await kvs.get('config')).toBeUndefined();
  });

  it('acts as a lock with FAIL_IF_EXISTS: the second set fails with KEY_CONFLICT', async () => {
    await kvs.set('lock:SD-1', 'first', { keyPolicy: 'FAIL_IF_EXISTS' });

    const second = kvs.set('lock:SD-1', 'second', { keyPolicy: 'FAIL_IF_EXISTS' });

    await expect(second).rejects.toMatchObject({
      code: 'KEY_CONFLICT',
      responseDetails: { status: 409 },
    });
    expect(await kvs.get('lock:SD-1')).toBe('first');
  });

  it('expires values after their TTL on the simulated clock', async () => {
    await kvs.set('lock:SD-2', 'held', {
      keyPolicy: 'FAIL_IF_EXISTS',
      ttl: { value: 5, unit: 'MINUTES' },
    });
    const withExpiry = await kvs.get('lock:SD-2', { metadataFields: ['EXPIRE_TIME' as never] });

    await env.runtime.clock.advance({ minutes: 4, seconds: 59 });
    const before = await kvs.get('lock:SD-2');
    await env.runtime.clock.advance({ seconds: 1 });

    expect(withExpiry).toEqual({
      key: 'lock:SD-2',
      value: 'held',
      expireTime: '2026-12-03T08:05:00.000Z',
    });
    expect(before).toBe('held');
    expect(await kvs.get('lock:SD-2')).toBeUndefined();
    await expect(
      kvs.set('lock:SD-2', 'again', { keyPolicy: 'FAIL_IF_EXISTS' }),
    ).resolves.toBeUndefined();
  });

  it('queries keys by prefix, in key order, with limits and cursors', async () => {
    for (const key of ['cause:SD-1:2', 'cause:SD-1:1', 'cause:SD-10:1', 'config', 'cause:SD-1:3']) {
      await kvs.set(key, key.length);
    }

    const first = await kvs
      .query()
      .where('key', WhereConditions.beginsWith('cause:SD-1:'))
      .limit(2)
      .getMany();
    const rest = await kvs
      .query()
      .where('key', WhereConditions.beginsWith('cause:SD-1:'))
      .limit(2)
      .cursor(first.nextCursor as string)
      .getMany();

    expect(first.results.map((r) => r.key)).toEqual(['cause:SD-1:1', 'cause:SD-1:2']);
    expect(rest.results.map((r) => r.key)).toEqual(['cause:SD-1:3']);
    expect(rest.nextCursor).toBeUndefined();
  });

  it('refuses keys Forge storage refuses, naming the key', async () => {
    await expect(kvs.set('bad/key', 1)).rejects.toThrow(
      /'bad\/key' has characters Forge storage refuses/,
    );
  });

  it('runs batches and transactions, and refuses a transaction over 25 operations', async () => {
    const batch = await kvs.batchSet([
      { key: 'a', value: 1 },
      { key: 'b', value: 2 },
    ]);
    await kvs.transact().set('c', 3).delete('a').execute();
    let tooBig = kvs.transact();
    for (let i = 0; i < 26; i += 1) tooBig = tooBig.set(`k${i}`, i);

    expect(batch.failedKeys).toEqual([]);
    expect(env.runtime.kvs.keys()).toEqual(['b', 'c']);
    await expect(tooBig.execute()).rejects.toThrow(/at most 25 operations/);
  });

  it('stores and queries custom entities by the manifest index', async () => {
    const causes = kvs.entity<{ requestKey: string; openedAt: number; reason: string }>(
      'external-cause',
    );
    await causes.set('c1', { requestKey: 'SD-1', openedAt: 300, reason: 'rete' });
    await causes.set('c2', { requestKey: 'SD-1', openedAt: 100, reason: 'manutenzione' });
    await causes.set('c3', { requestKey: 'SD-2', openedAt: 200, reason: 'rete' });

    const forSd1 = await causes
      .query()
      .index('by-request', { partition: ['SD-1'] })
      .getMany();
    const refused = causes.set('c4', {
      requestKey: 'SD-1',
      openedAt: 1,
      reason: 'x',
      extra: true,
    } as never);

    expect(forSd1.results.map((r) => r.key)).toEqual(['c2', 'c1']);
    await expect(refused).rejects.toThrow(/has no attribute 'extra'/);
  });

  it('counts KVS reads and writes per invocation', async () => {
    env.site.createRequest({ requestType: '10', reporter: 'cust-anna', summary: 'Prestiti' });

    const records = await env.runtime.deliver(env.runtime.takePendingEvents()[0] as never);

    const labeller = records.find((r) => r.moduleKey === 'label-on-change');
    expect(labeller?.kvs).toEqual({ reads: 1, writes: 1 });
  });
});

export type { ForgeKvsAPIError };
