import { deleteKeys, testRedisUrl, uniquePrefix, waitFor } from '@opshub/testing';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareStreamIds, EventBus, type DomainEvent } from '../src/index.js';

const prefix = uniquePrefix('publish-many');
let bus: EventBus;
/** Replays in pages of 70 events: page ends fall inside packed entries (100 events each). */
let pagedBus: EventBus;
let redis: ReturnType<typeof createClient>;

beforeAll(async () => {
  bus = await EventBus.connect(testRedisUrl(), prefix);
  pagedBus = await EventBus.connect(testRedisUrl(), prefix, { replayPageSize: 70 });
  redis = createClient({ url: testRedisUrl() });
  await redis.connect();
});
afterAll(async () => {
  await redis?.quit();
  await bus?.close();
  await pagedBus?.close();
  await deleteKeys(testRedisUrl(), prefix);
});

type Entry = [string, string[]];

function entries(stream: string): Promise<Entry[]> {
  return redis.sendCommand(['XRANGE', bus.key(stream), '-', '+']) as Promise<Entry[]>;
}

function payloadsOf(count: number, from = 0): { i: number }[] {
  return Array.from({ length: count }, (_, k) => ({ i: from + k }));
}

async function pull<T>(feed: AsyncIterator<DomainEvent<T>>, count: number): Promise<DomainEvent<T>[]> {
  const seen: DomainEvent<T>[] = [];
  while (seen.length < count) seen.push((await feed.next()).value as DomainEvent<T>);
  return seen;
}

function expectIncreasing(ids: readonly string[]): void {
  for (let k = 1; k < ids.length; k++) expect(compareStreamIds(ids[k]!, ids[k - 1]!), ids[k]).toBe(1);
}

describe('EventBus.publishMany', () => {
  it('stores 1,000 events as 10 packed entries; XRANGE, a subscriber and range see the 1,000 in order', async () => {
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
    expect(new Set(ids).size).toBe(1_000);
    expectIncreasing(ids);

    // Each entry's id is its last event's; it holds its 100 payloads as one JSON array.
    const stored = await entries(stream);
    expect(stored.map(([id]) => id)).toEqual(ids.filter((_, k) => k % 100 === 99));
    expect(stored.map(([, fields]) => fields)).toEqual(
      Array.from({ length: 10 }, (_, e) => [
        'type',
        'alert',
        'payloads',
        JSON.stringify(payloads.slice(e * 100, e * 100 + 100)),
      ]),
    );

    await waitFor(() => seen.length === payloads.length, 'the subscriber to receive the 1,000 events');
    await reading;
    expect(seen.map((e) => e.id)).toEqual(ids);
    expect(seen.map((e) => [e.type, e.payload])).toEqual(payloads.map((p) => ['alert', p]));

    const read = await bus.range(stream, '0-0', 5_000);
    expect(read.map((e) => e.id)).toEqual(ids);
    expect(read.map((e) => e.payload)).toEqual(payloads);
  });

  it('appends nothing for no payloads', async () => {
    expect(await bus.publishMany('empty', 'alert', [])).toEqual([]);
    expect(await redis.exists(bus.key('empty'))).toBe(0);
  });

  it('resumes after an event inside a packed entry: the rest of the backlog, then live events, each once', async () => {
    const stream = 'resume-inside';
    const ids = await bus.publishMany(stream, 'alert', payloadsOf(300));
    const feed = await pagedBus.subscribe<{ i: number }>(stream, { after: ids[149]! });
    const seen = await pull(feed, 1);
    // Published while the backlog is still paged: these are both in later pages and in the live queue.
    const live = await bus.publishMany(stream, 'alert', payloadsOf(250, 300));
    seen.push(...(await pull(feed, 150 + 250 - 1)));
    const last = await bus.publish(stream, 'alert', { i: 550 });
    seen.push(...(await pull(feed, 1)));

    expect(seen.map((e) => e.id)).toEqual([...ids.slice(150), ...live, last]);
    expect(seen.map((e) => e.payload.i)).toEqual(Array.from({ length: 401 }, (_, k) => 150 + k));
    await feed.return?.();
  });

  it('range returns exactly `count` events over packed entries; paging by the last id reads each event once', async () => {
    const stream = 'range-pages';
    const all = [
      ...(await bus.publishMany(stream, 'alert', payloadsOf(1_000))),
      await bus.publish(stream, 'alert', { i: 1_000 }),
      ...(await bus.publishMany(stream, 'alert', payloadsOf(170, 1_001))),
    ];
    expect(await entries(stream)).toHaveLength(10 + 1 + 2);

    const page = await bus.range(stream, all[149]!, 250);
    expect(page.map((e) => e.id)).toEqual(all.slice(150, 400));

    const read: DomainEvent<{ i: number }>[] = [];
    let after = '0-0';
    for (;;) {
      const next = (await bus.range(stream, after, 250)) as DomainEvent<{ i: number }>[];
      read.push(...next);
      if (next.length < 250) break;
      after = next.at(-1)!.id;
    }
    expect(read.map((e) => e.id)).toEqual(all);
    expect(read.map((e) => e.payload.i)).toEqual(Array.from({ length: 1_171 }, (_, k) => k));
  });

  it('interleaves with single events: ids increase across both, a subscriber sees all in order', async () => {
    const stream = 'interleaved';
    const feed = await bus.subscribe<{ i: number }>(stream);
    const published: string[] = [];
    let i = 0;
    for (const size of [1, 150, 1, 1, 100, 7, 1, 230]) {
      if (size === 1) published.push(await bus.publish(stream, 'alert', { i }));
      else published.push(...(await bus.publishMany(stream, 'alert', payloadsOf(size, i))));
      i += size;
    }
    // Singles and packs published at once, in no given order.
    const raced = await Promise.all([
      bus.publish(stream, 'alert', { i: -1 }),
      bus.publishMany(stream, 'alert', payloadsOf(120, -1)),
      bus.publish(stream, 'alert', { i: -1 }),
    ]);
    expectIncreasing(published);
    const all = [...published, raced[0], ...raced[1], raced[2]];
    expect(new Set(all).size).toBe(all.length);

    const seen = await pull(feed, all.length);
    expectIncreasing(seen.map((e) => e.id));
    expect(seen.slice(0, i).map((e) => [e.id, e.payload.i])).toEqual(published.map((id, k) => [id, k]));
    expect(seen.map((e) => e.id).sort(compareStreamIds)).toEqual([...all].sort(compareStreamIds));
    expect((await bus.range(stream, '0-0', 10_000)).map((e) => e.id)).toEqual(seen.map((e) => e.id));
    await feed.return?.();
  });

  it('continues after an entry with an explicit large id, and moves to the next ms when the seq runs out', async () => {
    const stream = 'large-ids';
    await redis.sendCommand(['XADD', bus.key(stream), '9999999999999-123456', 'type', 'x', 'payload', '{}']);
    const ids = await bus.publishMany(stream, 'alert', payloadsOf(250));
    expect(ids).toEqual(Array.from({ length: 250 }, (_, k) => `9999999999999-${123_457 + k}`));

    // A seq next to 2^53 - 1 (the largest a Lua number holds exactly): the events go on at the next ms.
    const edge = 'seq-edge';
    await redis.sendCommand([
      'XADD',
      bus.key(edge),
      '9999999999999-9007199254740990',
      'type',
      'x',
      'payload',
      '1',
    ]);
    const next = await bus.publishMany(edge, 'alert', payloadsOf(150));
    expect(next).toEqual(Array.from({ length: 150 }, (_, k) => `10000000000000-${k}`));
    expect((await bus.range(edge, '0-0')).map((e) => e.id)).toEqual([
      '9999999999999-9007199254740990',
      ...next,
    ]);
    expect(await bus.publish(edge, 'alert', {})).toBe('10000000000000-150');
  });

  it('gives distinct ids to two calls that race on one stream', async () => {
    const stream = 'race';
    const [a, b] = await Promise.all([
      bus.publishMany(stream, 'alert', payloadsOf(300)),
      bus.publishMany(stream, 'alert', payloadsOf(300, 300)),
    ]);
    expect(new Set([...a, ...b]).size).toBe(600);
    const read = await bus.range(stream, '0-0', 1_000);
    expect(read).toHaveLength(600);
    expectIncreasing(read.map((e) => e.id));
    expect(read.map((e) => e.id).sort(compareStreamIds)).toEqual([...a, ...b].sort(compareStreamIds));
  });

  it('replays from inside the oldest kept entry, and refuses a resume point before it', async () => {
    const stream = 'trimmed';
    const ids = await bus.publishMany(stream, 'alert', payloadsOf(500));
    await redis.sendCommand(['XTRIM', bus.key(stream), 'MAXLEN', '2']);
    // Kept: the entries of events 300…399 and 400…499.
    const feed = await bus.subscribe(stream, { after: ids[300]! });
    expect((await pull(feed, 199)).map((e) => e.id)).toEqual(ids.slice(301));
    await feed.return?.();
    await expect(bus.subscribe(stream, { after: ids[250]! })).rejects.toMatchObject({
      extensions: { code: 'RESUME_TOO_OLD', oldestKept: ids[300] },
    });
  });

  it('hands 30,000 events of one call to a live subscriber without overrunning its 10,000-event buffer', async () => {
    const stream = 'burst';
    const feed = await bus.subscribe<{ i: number }>(stream);
    const pulling = pull(feed, 30_000);
    // One script: the reader's next XREAD gets all 300 entries (30,000 events) at once.
    const ids = await bus.publishMany(stream, 'alert', payloadsOf(30_000));
    const seen = await pulling;
    expect(seen.map((e) => e.id)).toEqual(ids);
    await feed.return?.();
  });
});
