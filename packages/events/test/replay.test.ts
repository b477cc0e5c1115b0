import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { testRedisUrl, uniquePrefix } from '@opshub/testing';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareStreamIds, EventBus, type DomainEvent } from '../src/index.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const STREAM = 'workflow.ous-state-changed';
const BACKLOG = 100_000;
let bus: EventBus;
let redis: ReturnType<typeof createClient>;

/** An event shaped like the workflow's (≈ 600 bytes of JSON). */
function transition(i: number) {
  const at = new Date(Date.now()).toISOString();
  return {
    ous: {
      id: `uid://A001/X${i.toString(16)}/X1`,
      programId: '2025.1.00001.S',
      state: 'Processing',
      substate: 'PipelineRunning',
      executive: 'EU',
      recipe: 'PipelineCalibrationAndImaging',
      createdAt: at,
      updatedAt: at,
    },
    transition: {
      id: String(i),
      from: 'ReadyForProcessing',
      to: 'Processing',
      substate: 'PipelineRunning',
      actorId: '00000000-0000-4000-8000-000000000001',
      systemActor: 'pipeline-driver',
      reason: 'assigned to the European ARC after recipe selection by the batch helper',
      at,
    },
  };
}

async function fill(stream: string, count: number): Promise<void> {
  const key = bus.key(stream);
  for (let start = 0; start < count; start += 5_000) {
    const multi = redis.multi();
    for (let i = start; i < Math.min(count, start + 5_000); i++)
      multi.addCommand(['XADD', key, '*', 'type', 'transition', 'payload', JSON.stringify(transition(i))]);
    await multi.exec();
  }
}

function heapMb(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

beforeAll(async () => {
  bus = await EventBus.connect(testRedisUrl(), uniquePrefix('replay'));
  redis = createClient({ url: testRedisUrl() });
  await redis.connect();
});

afterAll(async () => {
  const keys = await redis.keys(`${bus.prefix}:*`);
  if (keys.length) await redis.del(keys);
  await redis.quit();
  await bus.close();
});

describe('EventBus.subscribe(after) replay', () => {
  it('replays from the start of a 100 k-event stream holding at most a page in memory', async () => {
    await fill(STREAM, BACKLOG);
    const [[firstId]] = (await redis.sendCommand(['XRANGE', bus.key(STREAM), '-', '+', 'COUNT', '1'])) as [
      [string],
    ];
    const subscriptions: AsyncIterableIterator<DomainEvent>[] = [];
    const before = heapMb();
    const started = performance.now();
    for (let i = 0; i < 3; i++) {
      const it = await bus.subscribe(STREAM, { after: justBefore(firstId) });
      const first = await it.next();
      expect(first.value?.id).toBe(firstId);
      subscriptions.push(it);
    }
    const firstEventMs = performance.now() - started;
    const growth = heapMb() - before;
    console.info(
      `3 replays of a ${BACKLOG}-event stream: heap +${growth.toFixed(1)} MB until each had its first event, ${firstEventMs.toFixed(0)} ms`,
    );
    // Today's code held the whole backlog: ≈ 68 MB per subscription.
    expect(growth).toBeLessThan(15);

    // The replay is complete, in order, and then live (one subscription read to the end).
    const it = subscriptions[0]!;
    let count = 1;
    let last = firstId;
    for (;;) {
      const next = await it.next();
      expect(compareStreamIds(next.value!.id, last)).toBeGreaterThan(0);
      last = next.value!.id;
      if (++count === BACKLOG) break;
    }
    const liveId = await bus.publish(STREAM, 'transition', transition(BACKLOG));
    expect((await it.next()).value?.id).toBe(liveId);
    await Promise.all(subscriptions.map((s) => s.return?.()));
  }, 60_000);

  it('skips events seen both in the backlog and live, and keeps order', async () => {
    const stream = 'replay-order';
    const ids: string[] = [];
    for (let i = 0; i < 1_250; i++) ids.push(await bus.publish(stream, 'transition', { i }));
    const it = await bus.subscribe<{ i: number }>(stream, { after: ids[99]! });
    const seen: number[] = [];
    seen.push((await it.next()).value!.payload.i);
    // Published while the backlog is still being paged: it is both in a later page and in the live queue.
    await bus.publish(stream, 'transition', { i: 1_250 });
    while (seen.length < 1_151) seen.push((await it.next()).value!.payload.i);
    await bus.publish(stream, 'transition', { i: 1_251 });
    seen.push((await it.next()).value!.payload.i);
    expect(seen).toEqual(Array.from({ length: 1_152 }, (_, k) => k + 100));
    await it.return?.();
  });

  it('refuses a resume point older than the replay window with RESUME_TOO_OLD', async () => {
    await bus.publish('replay-old', 'transition', {});
    await expect(bus.subscribe('replay-old', { after: '0-0' })).rejects.toMatchObject({
      extensions: { code: 'RESUME_TOO_OLD' },
    });
    const hourAgo = `${Date.now() - 3_700_000}-0`;
    await expect(bus.subscribe('replay-old', { after: hourAgo })).rejects.toMatchObject({
      extensions: { code: 'RESUME_TOO_OLD' },
    });
  });

  it('refuses a resume point whose following events were trimmed from the capped stream', async () => {
    const stream = 'replay-trimmed';
    const key = bus.key(stream);
    const first = (await redis.sendCommand(['XADD', key, '*', 'type', 't', 'payload', '{}'])) as string;
    for (let i = 0; i < 5; i++)
      await redis.sendCommand(['XADD', key, 'MAXLEN', '3', '*', 'type', 't', 'payload', '{}']);
    await expect(bus.subscribe(stream, { after: first })).rejects.toMatchObject({
      extensions: { code: 'RESUME_TOO_OLD' },
    });
  });
});

/** A stream id just before `id` (the first of its stream), so a replay "after" it starts at `id`. */
function justBefore(id: string): string {
  const [ms, seq] = id.split('-').map(BigInt) as [bigint, bigint];
  return seq > 0n ? `${ms}-${seq - 1n}` : `${ms - 1n}-0`;
}
