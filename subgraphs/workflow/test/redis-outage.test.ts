import { createLogger } from '@opshub/config';
import { createDb, type Db } from '@opshub/db';
import { EventBus } from '@opshub/events';
import { createProducer, type Producer } from '@opshub/jobs';
import { createTestDatabase, startRedisServer, uniquePrefix, type TestDatabase } from '@opshub/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueProducer } from '../src/jobs/queue-producer.js';
import { createWorkflowServices, type WorkflowServices } from '../src/services.js';

const admin = { id: '00000000-0000-4000-8000-000000000001', username: 'alma', roles: ['ADMIN' as const] };
const log = createLogger('test', 'silent');
let redis: Awaited<ReturnType<typeof startRedisServer>>;
let database: TestDatabase;
let db: Db;
let events: EventBus;
let producer: Producer;
let workflowProducer: ReturnType<typeof queueProducer>;
let services: WorkflowServices;
const prefix = uniquePrefix('outage');

beforeAll(async () => {
  redis = await startRedisServer();
  database = await createTestDatabase('workflow-outage');
  db = createDb(database.url);
  events = await EventBus.connect(redis.url, prefix);
  producer = createProducer(redis.url, prefix);
  workflowProducer = queueProducer(redis.url, prefix);
  services = createWorkflowServices(db, events, log, { jobs: workflowProducer.jobs });
  // Both connections are up before the outage (a Queue is created on first use).
  await producer.enqueue('prune-sessions', { olderThanHours: 1 }, { jobId: 'warm-up' });
  await services.ous.create('2018.1.00001.S', 'uid://A001/X0/X0', admin);
});

afterAll(async () => {
  await workflowProducer?.close();
  await producer?.close();
  await events?.close();
  await redis?.stop();
  await db?.$disconnect();
  await database?.drop();
});

/** Runs `call` and reports how long it took to settle and how. */
async function timed(call: () => Promise<unknown>): Promise<{ ms: number; code?: unknown; ok: boolean }> {
  const started = performance.now();
  try {
    await call();
    return { ms: performance.now() - started, ok: true };
  } catch (error) {
    const code = (error as { extensions?: { code?: unknown } }).extensions?.code;
    return { ms: performance.now() - started, ok: false, code };
  }
}

/** Polls `call` until it succeeds (Redis back), with a deadline. */
async function recovers(call: () => Promise<unknown>, deadlineMs = 10_000): Promise<number> {
  const started = performance.now();
  for (;;) {
    if ((await timed(call)).ok) return performance.now() - started;
    if (performance.now() - started > deadlineMs) throw new Error('did not recover');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('producers with Redis down', () => {
  it('enqueue and publish fail within 1 s with SERVICE_UNAVAILABLE, moves still answer, and all recover', async () => {
    await redis.stop();

    const enqueued = await timed(() =>
      producer.enqueue('prune-sessions', { olderThanHours: 1 }, { jobId: 'a' }),
    );
    const published = await timed(() => events.publish('outage', 'test', { n: 1 }));
    const publishedAgain = await timed(() => events.publish('outage', 'test', { n: 2 }));
    // A move commits, cannot publish its event nor enqueue its follow-up, and still answers.
    const move = await timed(() => services.ous.create('2018.1.00001.S', 'uid://A001/X0/X1', admin));
    console.info(
      `Redis down: enqueue failed after ${enqueued.ms.toFixed(0)} ms, publish after ${published.ms.toFixed(0)} ms ` +
        `then ${publishedAgain.ms.toFixed(1)} ms (breaker open), createObsUnitSet answered in ${move.ms.toFixed(0)} ms`,
    );
    expect(enqueued).toMatchObject({ ok: false, code: 'SERVICE_UNAVAILABLE' });
    expect(enqueued.ms).toBeLessThan(1_000);
    expect(published).toMatchObject({ ok: false, code: 'SERVICE_UNAVAILABLE' });
    expect(published.ms).toBeLessThan(1_000);
    expect(publishedAgain.ms).toBeLessThan(50);
    expect(move).toMatchObject({ ok: true });
    expect(move.ms).toBeLessThan(1_500);
    // The move's event waits in the outbox for the relay.
    expect(await db.workflowOutbox.count({ where: { publishedAt: null } })).toBe(1);

    await redis.start();
    const enqueueBack = await recovers(() =>
      producer.enqueue('prune-sessions', { olderThanHours: 1 }, { jobId: 'b' }),
    );
    const publishBack = await recovers(() => events.publish('outage', 'test', { n: 3 }));
    console.info(
      `Redis restarted: enqueue ok again after ${enqueueBack.toFixed(0)} ms, publish after ${publishBack.toFixed(0)} ms`,
    );
    expect(await services.outbox.relay(0)).toBe(1);
    expect(await producer.queue('maintenance').getJob('b')).toBeTruthy();
  });

  it('a Redis that hangs (connection open, no answer) fails them within their timeouts', async () => {
    redis.freeze(true);
    try {
      const enqueued = await timed(() =>
        producer.enqueue('prune-sessions', { olderThanHours: 1 }, { jobId: 'c' }),
      );
      const published = await timed(() => events.publish('outage', 'test', { n: 4 }));
      const publishedAgain = await timed(() => events.publish('outage', 'test', { n: 5 }));
      console.info(
        `Redis hung: enqueue failed after ${enqueued.ms.toFixed(0)} ms, publish after ${published.ms.toFixed(0)} ms ` +
          `then ${publishedAgain.ms.toFixed(1)} ms (breaker open)`,
      );
      expect(enqueued).toMatchObject({ ok: false, code: 'SERVICE_UNAVAILABLE' });
      expect(enqueued.ms).toBeLessThan(2_500);
      expect(published).toMatchObject({ ok: false, code: 'SERVICE_UNAVAILABLE' });
      expect(published.ms).toBeLessThan(1_500);
      expect(publishedAgain.ms).toBeLessThan(50);
    } finally {
      redis.freeze(false);
    }
    await recovers(() => producer.enqueue('prune-sessions', { olderThanHours: 1 }, { jobId: 'd' }));
    await recovers(() => events.publish('outage', 'test', { n: 6 }));
  });
});
