import { ALL_QUEUES } from '@opshub/jobs';
import { bullPrefix } from '@opshub/jobs';
import { MetricsTime, Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '@opshub/testing';
import { startQueueHarness, type QueueHarness } from './queue-harness.js';

let h: QueueHarness;

beforeAll(async () => {
  h = await startQueueHarness('opsqueuerate');
});
afterAll(async () => {
  await h?.close();
});

async function completeJobs(
  queue: 'maintenance' | 'workflow-recipe',
  count: number,
  metrics: boolean,
): Promise<void> {
  for (let i = 0; i < count; i++) {
    if (queue === 'maintenance') await h.queue(queue).add('prune-sessions', { olderThanHours: 1 });
    else await h.queue(queue).add('assign-recipe', { ousId: `uid://A001/X5/X${i}` });
  }
  const worker = new Worker(queue, async () => ({ ok: true }), {
    connection: h.connection,
    prefix: bullPrefix(h.prefix),
    ...(metrics ? { metrics: { maxDataPoints: MetricsTime.ONE_WEEK } } : {}),
  });
  await waitFor(
    async () => (await h.queue(queue).getCompletedCount()) === count,
    `${count} completed jobs on ${queue}`,
  );
  await worker.close();
}

describe('throughputPerMinute', () => {
  it('is completions in the last 5 minutes / 5, from metrics or from finish times', async () => {
    await completeJobs('maintenance', 5, true);
    await completeJobs('workflow-recipe', 3, false);
    // One queue is read through BullMQ's metrics, the other (no metrics recorded) by finish times.
    expect((await h.queue('maintenance').getMetrics('completed')).meta.count).toBe(5);
    expect((await h.queue('workflow-recipe').getMetrics('completed')).meta.prevTS).toBe(0);
    const result = await h.exec<{ queues: { name: string; throughputPerMinute: number }[] }>(
      'viewer',
      '{ queues { name throughputPerMinute } }',
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.queues).toEqual(
      ALL_QUEUES.map((name) => ({
        name,
        throughputPerMinute: name === 'maintenance' ? 1 : name === 'workflow-recipe' ? 0.6 : 0,
      })),
    );
  });
});
