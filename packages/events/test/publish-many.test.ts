import { deleteKeys, testRedisUrl, uniquePrefix, waitFor } from '@opshub/testing';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareStreamIds, EventBus, type DomainEvent } from '../src/index.js';

const prefix = uniquePrefix('publish-many');
let bus: EventBus;
let redis: ReturnType<typeof createClient>;

beforeAll(async () => {
  bus = await EventBus.connect(testRedisUrl(), prefix);
  redis = createClient({ url: testRedisUrl() });
  await redis.connect();
});
afterAll(async () => {
  await redis?.quit();
  await bus?.close();
  await deleteKeys(testRedisUrl(), prefix);
});

describe('EventBus.publishMany', () => {
  it('appends 1,000 events in one call, in order, as XRANGE and a subscriber see them', async () => {
    const stream = 'alerts.alert-ingested';
    const payloads = Array.from({ length: 1_000 }, (_, i) => ({
      i,
      alertId: `${9_007_199_254_740_993n + BigInt(i)}`,
    }));
    const feed = await bus.subscribe<{ i: number; alertId: string }>(stream);
    const seen: DomainEvent<{ i: number; alertId: string }>[] = [];
    const reading = (async () => {
      for await (const e of feed) {
        seen.push(e);
        if (seen.length === payloads.length) break;
      }
    })();

    const ids = await bus.publishMany(stream, 'alert', payloads);
    expect(ids).toHaveLength(1_000);
    for (let k = 1; k < ids.length; k++) expect(compareStreamIds(ids[k]!, ids[k - 1]!)).toBeGreaterThan(0);

    const entries = (await redis.sendCommand(['XRANGE', bus.key(stream), '-', '+'])) as [string, string[]][];
    expect(entries.map(([id]) => id)).toEqual(ids);
    expect(entries.map(([, fields]) => fields)).toEqual(
      payloads.map((p) => ['type', 'alert', 'payload', JSON.stringify(p)]),
    );

    await waitFor(() => seen.length === payloads.length, 'the subscriber to receive the 1,000 events');
    await reading;
    expect(seen.map((e) => e.id)).toEqual(ids);
    expect(seen.map((e) => [e.type, e.payload])).toEqual(payloads.map((p) => ['alert', p]));
  });

  it('appends nothing for no payloads', async () => {
    expect(await bus.publishMany('empty', 'alert', [])).toEqual([]);
    expect(await redis.exists(bus.key('empty'))).toBe(0);
  });
});
