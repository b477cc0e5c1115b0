import { createLogger } from '@opshub/config';
import { createDb, type Db } from '@opshub/db';
import { createBullConnection, type RetentionPayload } from '@opshub/jobs';
import {
  createTestDatabase,
  deleteKeys,
  type TestDatabase,
  testRedisUrl,
  uniquePrefix,
  waitFor,
} from '@opshub/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from 'bullmq';
import { DEFAULT_RETENTION, opsModule, startWorkers, type RunningWorkers } from '../src/index.js';
import { retentionProcessor } from '../src/processors/retention.processor.js';

const log = createLogger('workers-test', 'silent');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const BOUNDS: RetentionPayload = {
  sessionHours: 24,
  failedLoginDays: 30,
  auditDays: 400,
  deadLetterDays: 30,
  failedJobDays: 90,
  outboxHours: 24,
  mqttReceiptHours: 24,
};
let database: TestDatabase;
let db: Db;
let prefix: string;
let workers: RunningWorkers;

const ago = (ms: number): Date => new Date(Date.now() - ms);

beforeAll(async () => {
  database = await createTestDatabase('workers-retention');
  db = createDb(database.url);
  prefix = uniquePrefix('retention');
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
    modules: [opsModule(DEFAULT_RETENTION)],
  });
});

afterAll(async () => {
  await workers?.stop();
  const connection = createBullConnection(testRedisUrl());
  await deleteKeys(connection, prefix);
  await connection.quit();
  await db?.$disconnect();
  await database?.drop();
});

/** One row per table just past its bound ("old") and one just inside it ("kept"). */
async function seed(): Promise<void> {
  const user = await db.user.create({ data: { username: 'ret', passwordHash: 'x', roles: ['VIEWER'] } });
  const session = (tag: string, expiresAt: Date, revokedAt: Date | null = null) =>
    db.session.create({ data: { tokenHash: tag, userId: user.id, expiresAt, revokedAt } });
  await session('old-expired', ago(25 * HOUR));
  await session('old-revoked', new Date(Date.now() + HOUR), ago(25 * HOUR));
  await session('kept-expired', ago(23 * HOUR));
  await session('kept-active', new Date(Date.now() + HOUR));

  const audit = (kind: string, target: string, at: Date) =>
    db.auditEntry.create({ data: { kind, target, at } });
  await audit('session.login-failed', 'old', ago(31 * DAY));
  await audit('session.login-limited', 'old', ago(31 * DAY));
  await audit('session.login-failed', 'kept', ago(29 * DAY));
  await audit('user.create', 'old', ago(401 * DAY));
  await audit('user.create', 'kept', ago(399 * DAY));

  const failed = (jobId: string, failedAt: Date) =>
    db.failedJob.create({
      data: {
        queue: 'maintenance',
        jobId,
        name: 'retention',
        data: {},
        reason: 'r',
        attemptsMade: 1,
        failedAt,
      },
    });
  await failed('old', ago(91 * DAY));
  await failed('kept', ago(89 * DAY));

  const letter = (topic: string, receivedAt: Date) =>
    db.deadLetter.create({ data: { topic, payload: 'p', reason: 'r', receivedAt } });
  await letter('old', ago(31 * DAY));
  await letter('kept', ago(29 * DAY));

  for (const outbox of [db.workflowOutbox, db.dcsOutbox, db.dqmOutbox, db.alertsOutbox] as const) {
    const row = (stream: string, createdAt: Date, publishedAt: Date | null) =>
      (outbox as typeof db.workflowOutbox).create({ data: { stream, payload: {}, createdAt, publishedAt } });
    await row('old', ago(30 * HOUR), ago(25 * HOUR));
    await row('kept', ago(30 * HOUR), ago(23 * HOUR));
    await row('kept-unpublished', ago(10 * DAY), null);
  }

  await db.mqttReceipt.create({ data: { clientId: 'c', packetId: 1, digest: 'old', at: ago(25 * HOUR) } });
  await db.mqttReceipt.create({ data: { clientId: 'c', packetId: 2, digest: 'kept', at: ago(23 * HOUR) } });
}

describe('retention', () => {
  it('is scheduled hourly on the maintenance queue with the RETENTION_* bounds', async () => {
    const schedulers = await workers.queue('maintenance').getJobSchedulers();
    expect(schedulers.map((s) => ({ key: s.key, name: s.name, every: s.every }))).toContainEqual({
      key: 'retention',
      name: 'retention',
      every: 3_600_000,
    });
  });

  it('deletes rows older than each bound and keeps newer ones (and never an unpublished outbox row)', async () => {
    await seed();
    const job = await workers.queue('maintenance').add('retention', BOUNDS);
    await waitFor(
      async () => (await workers.queue('maintenance').getJobState(job.id!)) === 'completed',
      'the retention job',
    );
    const done = await workers.queue('maintenance').getJob(job.id!);
    expect(done?.returnvalue).toEqual({
      sessions: 2,
      failedLogins: 2,
      audit: 1,
      deadLetters: 1,
      failedJobs: 1,
      outbox: { 'workflow.outbox': 1, 'dcs.outbox': 1, 'dqm.outbox': 1, 'alerts.outbox': 1 },
      mqttReceipts: 1,
    });
    const tags = (rows: { [k: string]: unknown }[], key: string) => rows.map((r) => r[key]).sort();
    expect(tags(await db.session.findMany(), 'tokenHash')).toEqual(['kept-active', 'kept-expired']);
    expect(tags(await db.auditEntry.findMany(), 'target')).toEqual(['kept', 'kept']);
    expect(tags(await db.failedJob.findMany(), 'jobId')).toEqual(['kept']);
    expect(tags(await db.deadLetter.findMany(), 'topic')).toEqual(['kept']);
    expect(tags(await db.workflowOutbox.findMany(), 'stream')).toEqual(['kept', 'kept-unpublished']);
    expect(tags(await db.dcsOutbox.findMany(), 'stream')).toEqual(['kept', 'kept-unpublished']);
    expect(tags(await db.dqmOutbox.findMany(), 'stream')).toEqual(['kept', 'kept-unpublished']);
    expect(tags(await db.mqttReceipt.findMany(), 'digest')).toEqual(['kept']);
  });

  it('drains a table in batches (one short statement per batch)', async () => {
    for (let i = 0; i < 5; i++)
      await db.deadLetter.create({
        data: { topic: `batch-${i}`, payload: 'p', reason: 'r', receivedAt: ago(40 * DAY) },
      });
    const report = await retentionProcessor(
      db,
      2,
    )({ data: BOUNDS } as Job<RetentionPayload, unknown, 'retention'>);
    expect(report).toMatchObject({ deadLetters: 5 });
    expect(await db.deadLetter.count({ where: { topic: { startsWith: 'batch-' } } })).toBe(0);
  });
});
