import { ALL_QUEUES } from '@opshub/jobs';
import { bullPrefix } from '@opshub/jobs';
import { Worker } from 'bullmq';
import { parse, subscribe, type ExecutionResult } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '@opshub/testing';
import { log, startQueueHarness, type QueueHarness } from './queue-harness.js';

let h: QueueHarness;

beforeAll(async () => {
  h = await startQueueHarness('opsqueueevents');
});
afterAll(async () => {
  await h?.close();
});

interface EventView {
  queue: string;
  id: string;
  event: string;
  progress: unknown;
  returnValue: unknown;
  failedReason: string | null;
}

async function open(
  source: string,
  variables: Record<string, unknown> = {},
  user: QueueHarness['admin'] | null = h.viewer,
) {
  const result = await subscribe({
    schema: h.schema,
    document: parse(source),
    variableValues: variables,
    contextValue: {
      ...(user ? { user: { id: user.id, username: user.username, roles: user.roles } } : {}),
      requestId: 'sub',
      log,
    },
  });
  return result as AsyncIterableIterator<ExecutionResult<{ jobProgress: EventView }>> | ExecutionResult;
}

/** Reads events until `until` matches one (or the deadline passes). */
async function readUntil(
  iterator: AsyncIterableIterator<ExecutionResult<{ jobProgress: EventView }>>,
  until: (e: EventView) => boolean,
  timeoutMs = 10_000,
): Promise<EventView[]> {
  const events: EventView[] = [];
  const deadline = setTimeout(() => void iterator.return?.(), timeoutMs);
  try {
    for await (const result of iterator) {
      expect(result.errors).toBeUndefined();
      const event = result.data!.jobProgress;
      events.push(event);
      if (until(event)) return events;
    }
  } finally {
    clearTimeout(deadline);
  }
  throw new Error(`subscription ended before the expected event; got ${JSON.stringify(events)}`);
}

/** Redis connections of QueueEvents readers under this test's prefix. */
async function eventReaders(): Promise<number> {
  const list = (await h.connection.client('LIST')) as string;
  return list
    .split('\n')
    .filter((line) => line.includes(`name=${bullPrefix(h.prefix)}:`) && line.includes(':qe')).length;
}

describe('jobProgress', () => {
  it('delivers progress and completed events of one job, then closes the reader', async () => {
    const job = await h.queue('workflow-recipe').add('assign-recipe', { ousId: 'uid://A001/X7/X1' });
    const iterator = await open(
      'subscription($id: ID) { jobProgress(queue: "workflow-recipe", id: $id) { queue id event progress returnValue failedReason } }',
      { id: job.id },
      // `returnValue` is ADMIN-only (queue-privacy.test.ts).
      h.admin,
    );
    if (!(Symbol.asyncIterator in iterator)) throw new Error(JSON.stringify(iterator.errors));
    expect(await eventReaders()).toBe(1);

    const other = await h.queue('workflow-recipe').add('assign-recipe', { ousId: 'uid://A001/X7/X2' });
    const worker = new Worker(
      'workflow-recipe',
      async (j) => {
        await j.updateProgress(50);
        return { recipe: 'hifi', ousId: j.data.ousId as string };
      },
      { connection: h.connection, prefix: bullPrefix(h.prefix) },
    );
    const events = await readUntil(iterator, (e) => e.event === 'COMPLETED');
    await worker.close();

    expect(events.every((e) => e.id === job.id && e.queue === 'workflow-recipe')).toBe(true);
    expect(events.map((e) => e.event)).toEqual(['ACTIVE', 'PROGRESS', 'COMPLETED']);
    expect(events[1]!.progress).toBe(50);
    expect(events[2]!.returnValue).toEqual({ recipe: 'hifi', ousId: 'uid://A001/X7/X1' });
    expect(other.id).not.toBe(job.id);

    await iterator.return!();
    await waitFor(async () => (await eventReaders()) === 0, 'the QueueEvents reader to close');
  });

  it('without arguments follows every queue; failures carry their reason', async () => {
    const iterator = await open('subscription { jobProgress { queue id event failedReason } }');
    if (!(Symbol.asyncIterator in iterator)) throw new Error(JSON.stringify(iterator.errors));
    expect(await eventReaders()).toBe(ALL_QUEUES.length);

    const job = await h.queue('maintenance').add('prune-sessions', { olderThanHours: 1 }, { attempts: 1 });
    const worker = new Worker(
      'maintenance',
      async () => {
        throw new Error('database unreachable');
      },
      { connection: h.connection, prefix: bullPrefix(h.prefix) },
    );
    const events = await readUntil(iterator, (e) => e.id === job.id && e.event === 'FAILED');
    await worker.close();
    expect(events.filter((e) => e.id === job.id).map((e) => e.event)).toEqual([
      'ADDED',
      'WAITING',
      'ACTIVE',
      'FAILED',
    ]);
    expect(events.at(-1)).toEqual({
      queue: 'maintenance',
      id: job.id,
      event: 'FAILED',
      failedReason: 'database unreachable',
    });

    await iterator.return!();
    await waitFor(async () => (await eventReaders()) === 0, 'the QueueEvents readers to close');
  });

  it('refuses an unknown queue and a caller who is not signed in', async () => {
    const unknown = await open('subscription { jobProgress(queue: "nope") { id } }');
    expect(Symbol.asyncIterator in unknown).toBe(false);
    expect((unknown as ExecutionResult).errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');

    const anonymous = await open('subscription { jobProgress { id } }', {}, null);
    expect((anonymous as ExecutionResult).errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    expect(await eventReaders()).toBe(0);
  });
});
