import { createLogger } from '@opshub/config';
import { createDb, type Db } from '@opshub/db';
import { createBullConnection, createQueue } from '@opshub/jobs';
import { buildOpsSchema, createOpsServices, Role, type OpsServices } from '@opshub/ops';
import {
  createTestDatabase,
  deleteKeys,
  type TestDatabase,
  testRedisUrl,
  uniquePrefix,
  waitFor,
} from '@opshub/testing';
import { graphql, type GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_RETENTION,
  opsModule,
  startWorkers,
  type RunningWorkers,
  type WorkerModule,
} from '../src/index.js';

const log = createLogger('workers-test', 'silent');
let database: TestDatabase;
let db: Db;
let prefix: string;
let workers: RunningWorkers;
let opsApi: OpsServices;
let schema: GraphQLSchema;
const attemptsSeen = new Map<string, number>();

/** A stand-in domain: `assign-recipe` whose recipe service is always down. */
const failingRecipes: WorkerModule = (registry) => {
  registry.register('assign-recipe', async (job) => {
    attemptsSeen.set(job.id ?? '', (attemptsSeen.get(job.id ?? '') ?? 0) + 1);
    throw new Error(`recipe service unreachable for ${job.data.ousId}`);
  });
};

async function failedRecord(jobId: string) {
  const page = await workers.ops.failedJobs.page('workflow-recipe', { first: 50 });
  return page.edges.map((e) => e.node).find((n) => n.jobId === jobId);
}

beforeAll(async () => {
  database = await createTestDatabase('workers');
  db = createDb(database.url);
  prefix = uniquePrefix('workers');
  // A scheduler left over from an older release: start must remove it.
  const connection = createBullConnection(testRedisUrl());
  const maintenance = createQueue('maintenance', connection, prefix);
  await maintenance.upsertJobScheduler(
    'retired-schedule',
    { every: 60_000 },
    { name: 'prune-sessions', data: { olderThanHours: 1 } },
  );
  await maintenance.close();
  await connection.quit();

  workers = await startWorkers({
    env: {
      DATABASE_URL: database.url,
      REDIS_URL: testRedisUrl(),
      REDIS_PREFIX: prefix,
      SESSION_TTL_HOURS: 12,
      WORKER_SHUTDOWN_MS: 5_000,
      LOG_LEVEL: 'silent',
    },
    log,
    modules: [opsModule(DEFAULT_RETENTION), failingRecipes],
  });
  opsApi = createOpsServices(db, { sessionTtlHours: 12, redisUrl: testRedisUrl(), redisPrefix: prefix });
  schema = (await buildOpsSchema(opsApi)).schema;
});

afterAll(async () => {
  await workers?.stop();
  await opsApi?.queues?.close();
  const connection = createBullConnection(testRedisUrl());
  await deleteKeys(connection, prefix);
  await connection.quit();
  await db?.$disconnect();
  await database?.drop();
});

describe('workers runtime', () => {
  it('retries a job that always throws, then records it in ops.failed_job and queues { failedJobs }', async () => {
    const job = await workers
      .queue('workflow-recipe')
      .add(
        'assign-recipe',
        { ousId: 'uid://A001/X1/X2' },
        { attempts: 3, backoff: { type: 'fixed', delay: 20 } },
      );
    const record = await waitFor(() => failedRecord(job.id!), 'the failed-job record');

    expect(attemptsSeen.get(job.id!)).toBe(3);
    // One record for the job, not one per attempt.
    const all = await workers.ops.failedJobs.page('workflow-recipe', { first: 50 });
    expect(all.edges.filter((e) => e.node.jobId === job.id)).toHaveLength(1);
    expect(record).toMatchObject({
      queue: 'workflow-recipe',
      name: 'assign-recipe',
      reason: 'recipe service unreachable for uid://A001/X1/X2',
      attemptsMade: 3,
      data: { ousId: 'uid://A001/X1/X2' },
    });
    expect(record.stack).toContain('recipe service unreachable');

    const result = await graphql({
      schema,
      source: `{ queues { name counts { failed } failedJobs(first: 10) { totalCount edges { node { jobId name reason attemptsMade } } } } }`,
      contextValue: { user: { id: 'u1', username: 'admin', roles: ['ADMIN'] }, requestId: 'r1', log },
    });
    expect(result.errors).toBeUndefined();
    const queues = (
      result.data as {
        queues: {
          name: string;
          counts: { failed: number };
          failedJobs: { totalCount: number; edges: { node: unknown }[] };
        }[];
      }
    ).queues;
    const recipe = queues.find((q) => q.name === 'workflow-recipe')!;
    expect(recipe.counts.failed).toBeGreaterThanOrEqual(1);
    expect(recipe.failedJobs.edges.map((e) => e.node)).toContainEqual({
      jobId: job.id,
      name: 'assign-recipe',
      reason: 'recipe service unreachable for uid://A001/X1/X2',
      attemptsMade: 3,
    });
  });

  it('fails a job with no processor at once, unrecoverably, naming the job', async () => {
    // Default options: 5 attempts, yet an unknown job must not be retried.
    const job = await workers.queue('workflow-recipe').add('no-such-job', { anything: true });
    const record = await waitFor(() => failedRecord(job.id!), 'the failed-job record');
    expect(record.attemptsMade).toBe(1);
    expect(record.reason).toMatch(/No processor for job "no-such-job"/);
    const state = await workers.queue('workflow-recipe').getJobState(job.id!);
    expect(state).toBe('failed');
  });

  it('upserts the declared schedulers and removes stale ones', async () => {
    const schedulers = await workers.queue('maintenance').getJobSchedulers();
    expect(
      schedulers
        .map((s) => ({ key: s.key, name: s.name, every: s.every }))
        .sort((a, b) => a.key.localeCompare(b.key)),
    ).toEqual([
      { key: 'outbox-relay', name: 'outbox-relay', every: 10_000 },
      { key: 'retention', name: 'retention', every: 3_600_000 },
    ]);
  });

  it('prune-sessions deletes sessions that expired more than olderThanHours ago', async () => {
    // Sessions issued with a negative lifetime expired two days ago.
    const expired = createOpsServices(db, { sessionTtlHours: -48 });
    await expired.users.create({
      username: 'pruned-user',
      password: 'long enough password',
      roles: [Role.VIEWER],
    });
    await expired.sessions.login('pruned-user', 'long enough password');
    expect(await db.session.count()).toBeGreaterThan(0);

    const job = await workers.queue('maintenance').add('prune-sessions', { olderThanHours: 24 });
    await waitFor(
      async () => (await workers.queue('maintenance').getJobState(job.id!)) === 'completed',
      'the prune job',
    );
    expect(await db.session.count()).toBe(0);
  });
});
