import { bullPrefix } from '@opshub/jobs';
import { Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { QueueRepository } from '../src/queue/queue.repository.js';
import { waitFor } from '@opshub/testing';
import { startQueueHarness, type QueueHarness } from './queue-harness.js';

let h: QueueHarness;
let repository: QueueRepository;

beforeAll(async () => {
  h = await startQueueHarness('opsqueueref');
  repository = (h.services.queues as unknown as { repository: QueueRepository }).repository;
});
afterAll(async () => {
  await h?.close();
});

const ENTITIES = `query($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Job { id queue name state } }
}`;

describe('Job entity references', () => {
  it('resolves 60 references of one request in one batch (one Redis pipeline per queue), states included', async () => {
    const waiting = await h
      .queue('maintenance')
      .addBulk(
        Array.from({ length: 40 }, (_, i) => ({ name: 'prune-sessions', data: { olderThanHours: i } })),
      );
    const done = await h.queue('workflow-recipe').addBulk(
      Array.from({ length: 19 }, (_, i) => ({
        name: 'assign-recipe',
        data: { ousId: `uid://A001/X8/X${i}` },
      })),
    );
    const worker = new Worker('workflow-recipe', async () => 'ok', {
      connection: h.connection,
      prefix: bullPrefix(h.prefix),
    });
    await waitFor(
      async () => (await h.queue('workflow-recipe').getCompletedCount()) === 19,
      '19 completed jobs',
    );
    await worker.close();

    const single = vi.spyOn(repository, 'job');
    const batched = vi.spyOn(repository, 'jobs');
    const representations = [
      ...waiting.map((j) => ({ __typename: 'Job', queue: 'maintenance', id: j.id })),
      ...done.map((j) => ({ __typename: 'Job', queue: 'workflow-recipe', id: j.id })),
      { __typename: 'Job', queue: 'workflow-recipe', id: 'no-such-job' },
    ];
    const result = await h.exec<{
      _entities: ({ id: string; queue: string; name: string; state: string } | null)[];
    }>('viewer', ENTITIES, { representations });
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([
      ...waiting.map((j) => ({ id: j.id, queue: 'maintenance', name: 'prune-sessions', state: 'WAITING' })),
      ...done.map((j) => ({ id: j.id, queue: 'workflow-recipe', name: 'assign-recipe', state: 'COMPLETED' })),
      null,
    ]);
    expect(single).not.toHaveBeenCalled();
    expect(batched.mock.calls.map(([queue, ids]) => [queue, ids.length]).sort()).toEqual([
      ['maintenance', 40],
      ['workflow-recipe', 20],
    ]);
    single.mockRestore();
    batched.mockRestore();
  });
});

describe('throughputPerMinute without metrics', () => {
  it('counts 25 000 recent completions exactly, with one bounded Redis call', async () => {
    // Completions recorded as BullMQ does (the completed set is scored by finish time), no metrics kept.
    const key = `${bullPrefix(h.prefix)}:workflow-ingestion:completed`;
    const now = Date.now();
    for (let start = 0; start < 25_000; start += 5_000) {
      const args: (string | number)[] = [];
      for (let i = start; i < start + 5_000; i++) args.push(now - (i % 240) * 1_000, `job-${i}`);
      await h.connection.zadd(key, ...args);
    }
    await h.connection.zadd(key, now - 10 * 60_000, 'too-old');
    const started = performance.now();
    const result = await h.exec<{ queue: { throughputPerMinute: number } }>(
      'viewer',
      '{ queue(name: "workflow-ingestion") { throughputPerMinute } }',
    );
    const ms = performance.now() - started;
    console.info(`throughputPerMinute over 25 000 completed jobs without metrics: ${ms.toFixed(1)} ms`);
    expect(result.errors).toBeUndefined();
    expect(result.data!.queue.throughputPerMinute).toBe(5_000);
    expect(ms).toBeLessThan(500);
  });
});
