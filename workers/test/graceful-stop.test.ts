import { createLogger } from '@opshub/config';
import { createBullConnection, createQueue } from '@opshub/jobs';
import {
  createTestDatabase,
  deleteKeys,
  type TestDatabase,
  testRedisUrl,
  uniquePrefix,
  waitFor,
} from '@opshub/testing';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkers, type WorkerModule } from '../src/index.js';

const log = createLogger('workers-test', 'silent');
let database: TestDatabase;
let connection: Redis;
const releases: (() => void)[] = [];
const queues: Queue[] = [];
const prefixes: string[] = [];

/** `assign-recipe` that holds its job until the test releases it. */
function gatedRecipes(started: Set<string>): WorkerModule {
  return (registry) => {
    registry.register('assign-recipe', async (job) => {
      started.add(job.id ?? '');
      await new Promise<void>((resolve) => releases.push(resolve));
      return { recipe: 'hifi', ousId: job.data.ousId };
    });
  };
}

async function start(shutdownMs: number) {
  const prefix = uniquePrefix('stop');
  prefixes.push(prefix);
  const started = new Set<string>();
  const workers = await startWorkers({
    env: {
      DATABASE_URL: database.url,
      REDIS_URL: testRedisUrl(),
      REDIS_PREFIX: prefix,
      SESSION_TTL_HOURS: 12,
      WORKER_SHUTDOWN_MS: shutdownMs,
      LOG_LEVEL: 'silent',
    },
    log,
    concurrency: { 'workflow-recipe': 1 },
    modules: [gatedRecipes(started)],
    schedules: [],
  });
  // A producer of the test's own, still open after the workers close theirs.
  const queue = createQueue('workflow-recipe', connection, prefix);
  queues.push(queue);
  return { workers, queue, started };
}

beforeAll(async () => {
  database = await createTestDatabase('workersstop');
  connection = createBullConnection(testRedisUrl());
});

afterAll(async () => {
  for (const release of releases) release();
  await Promise.all(queues.map((q) => q.close()));
  for (const prefix of prefixes) await deleteKeys(connection, prefix);
  await connection?.quit();
  await database?.drop();
});

describe('graceful stop', () => {
  it('stops taking jobs, waits for the active one, then returns', async () => {
    const { workers, queue, started } = await start(10_000);
    const active = await queue.add('assign-recipe', { ousId: 'uid://A001/X1/X3' });
    await waitFor(() => started.has(active.id!), 'the job to start');

    const t0 = Date.now();
    let settled = false;
    const stopping = workers.stop().then((r) => {
      settled = true;
      return r;
    });
    const queued = await queue.add('assign-recipe', { ousId: 'uid://A001/X1/X4' });
    // Several Redis round trips later the stop is still waiting on the active job.
    expect(await queue.getJobState(active.id!)).toBe('active');
    expect(await queue.getJobState(active.id!)).toBe('active');
    expect(settled).toBe(false);

    releases.shift()!();
    const result = await stopping;
    expect(result.timedOut).toBe(false);
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(await queue.getJobState(active.id!)).toBe('completed');
    expect((await queue.getJob(active.id!))?.returnvalue).toEqual({
      recipe: 'hifi',
      ousId: 'uid://A001/X1/X3',
    });
    // Added after the stop began: left for the next worker.
    expect(await queue.getJobState(queued.id!)).toBe('waiting');
    expect(started.has(queued.id!)).toBe(false);
  });

  it('returns within the bound when the active job does not finish', async () => {
    const { workers, queue, started } = await start(300);
    const stuck = await queue.add('assign-recipe', { ousId: 'uid://A001/X1/X5' });
    await waitFor(() => started.has(stuck.id!), 'the job to start');

    const t0 = Date.now();
    const result = await workers.stop();
    const elapsed = Date.now() - t0;
    expect(result.timedOut).toBe(true);
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(300 + 2_000);
    // Still locked as active: the stall checker of a later worker will retry it.
    expect(await queue.getJobState(stuck.id!)).toBe('active');
  });
});
