import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { encodeAlertContainer } from '@opshub/alerts';
import { createLogger } from '@opshub/config';
import { createDb, type Db } from '@opshub/db';
import { createBullConnection, createQueue, enqueue, JOB_QUEUE } from '@opshub/jobs';
import {
  createTestDatabase,
  deleteKeys,
  testRedisUrl,
  uniquePrefix,
  waitFor,
  type TestDatabase,
} from '@opshub/testing';
import type { Job, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertsModule } from '../src/alerts/alerts.module.js';
import { startWorkers, type RunningWorkers } from '../src/index.js';

const log = createLogger('workers-test', 'silent');
const prefix = uniquePrefix('alerts-ingest');
let database: TestDatabase;
let db: Db;
let workers: RunningWorkers;
let connection: Redis;
let queue: Queue;
let dir: string;

/** One night of an object: `n` alerts, each with its earlier detections and the object. */
function alerts(objectId: bigint, n: number) {
  const sources = Array.from({ length: n }, (_, k) => ({
    diaSourceId: objectId * 100n + BigInt(k),
    diaObjectId: objectId,
    midPointTai: 60_900 + k,
    filterName: 'g',
    ra: 150.1,
    decl: 2.18,
    psFlux: 1000 + k,
    psFluxErr: 30,
    snr: 33,
  }));
  return sources.map((s, k) => ({
    alertId: objectId * 100n + BigInt(k),
    diaSource: s,
    prvDiaSources: sources.slice(0, k),
    prvDiaForcedSources: [],
    diaObject: { diaObjectId: objectId, simVersion: null, ra: 150.1, decl: 2.18 },
  }));
}

beforeAll(async () => {
  database = await createTestDatabase('workers-alerts');
  db = createDb(database.url, { max: 2 });
  dir = await mkdtemp(path.join(tmpdir(), 'workers-alerts-'));
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
    modules: [alertsModule({ databaseUrl: database.url })],
  });
  connection = createBullConnection(testRedisUrl());
  queue = createQueue(JOB_QUEUE['ingest-alert-file'], connection, prefix);
});

afterAll(async () => {
  await workers?.stop();
  await queue?.close();
  if (connection) {
    await deleteKeys(connection, prefix);
    await connection.quit();
  }
  await db?.$disconnect();
  await database?.drop();
  await rm(dir, { recursive: true, force: true });
});

async function settled(id: string): Promise<Job> {
  return waitFor(async () => {
    const job = await queue.getJob(id);
    return job && (job.finishedOn ? job : undefined);
  }, `job ${id} finished`);
}

describe('the alerts module of the workers', () => {
  it('ingests an alert file as a job, with its counts as the result; a refused file fails without retry', async () => {
    const file = path.join(dir, 'night.avro');
    const bytes = await encodeAlertContainer(alerts(9_007_199_254_750_001n, 5));
    await writeFile(file, bytes);
    const id = await enqueue(() => queue, 'ingest-alert-file', { path: file });
    const done = await settled(id!);
    expect(done.failedReason).toBeUndefined();
    expect(done.returnvalue).toMatchObject({
      source: 'night.avro',
      newAlerts: 5,
      knownAlerts: 0,
      quarantined: 0,
    });
    expect(await db.alert.count()).toBe(5);

    const cut = path.join(dir, 'cut.avro');
    await writeFile(cut, bytes.subarray(0, bytes.length - 4));
    const failed = await settled((await enqueue(() => queue, 'ingest-alert-file', { path: cut }))!);
    expect(failed.failedReason).toMatch(/^cut\.avro refused: truncated: the file ends inside block 0/);
    expect(failed.attemptsMade).toBe(1);
    expect(await db.alert.count()).toBe(5);
  });
});
