// Issue 11, item 4: two workers processes started at the same moment (`docker-compose up --scale
// workers=2`), each with every module and its settings as main.ts runs them. Both start; what a
// start registers (the sources and agents named in the settings, the camera geometry) is there
// once; every job scheduler exists once; each process's MQTT bridge has an identity of its own.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLogger, loadEnv } from '@opshub/config';
import { createDb, type Db } from '@opshub/db';
import { ALL_QUEUES, createBullConnection, createQueue } from '@opshub/jobs';
import {
  createTestDatabase,
  deleteKeys,
  freePort,
  startMosquitto,
  type TestDatabase,
  testRedisUrl,
  uniquePrefix,
} from '@opshub/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkers, WORKERS_KEYS, type RunningWorkers } from '../src/index.js';

const log = createLogger('start-twice-test', (process.env['TEST_LOG_LEVEL'] ?? 'silent') as 'info');
let database: TestDatabase;
let db: Db;
let broker: Awaited<ReturnType<typeof startMosquitto>>;
let dir: string;
const prefix = uniquePrefix('starttwice');
let running: RunningWorkers[] = [];

beforeAll(async () => {
  database = await createTestDatabase('starttwice');
  db = createDb(database.url);
  broker = await startMosquitto();
  dir = await mkdtemp(path.join(tmpdir(), 'opshub-start-twice-'));
});

afterAll(async () => {
  for (const w of running) await w.stop();
  await broker?.stop();
  const connection = createBullConnection(testRedisUrl());
  await deleteKeys(connection, prefix);
  await connection.quit();
  await db?.$disconnect();
  await database?.drop();
  await rm(dir, { recursive: true, force: true });
});

describe('two workers processes started at once', () => {
  it('both start; registrations, schedulers and MQTT identities are each there once', async () => {
    // Nothing answers there: the pulls fail and are recorded, which is not what this test reads.
    const nowhere = `http://127.0.0.1:${await freePort()}`;
    const env = loadEnv(WORKERS_KEYS, {
      DATABASE_URL: database.url,
      REDIS_URL: testRedisUrl(),
      REDIS_PREFIX: prefix,
      LOG_LEVEL: 'silent',
      WORKER_SHUTDOWN_MS: '2000',
      MQTT_URL: broker.url,
      DCS_MQTT_ROOT: prefix.replace(/[^A-Za-z0-9_-]/g, '_'),
      WORKFLOW_PRODUCT_ROOT: path.join(dir, 'products'),
      WORKFLOW_ARCHIVE_ROOT: path.join(dir, 'archive'),
      ALERTS_SQL_RESULTS_DIR: path.join(dir, 'sql-runs'),
      NECTARCAM_SOURCE_URL: `${nowhere}/nectarcam/`,
      DQM_PSEUDONYM_KEY: 'start-twice-pseudonyms',
      DQM_SQUARE_AGENTS: `PRODUCTION=${nowhere}/agent-a,PLAYBACK=${nowhere}/agent-b`,
      ALERT_SOURCE_URL: `${nowhere}/alerts/`,
      BROKER_SOURCE_URL: `${nowhere}/broker/`,
    });
    const started = await Promise.allSettled([startWorkers({ env, log }), startWorkers({ env, log })]);
    running = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    const refused = started.flatMap((s) => (s.status === 'rejected' ? [String(s.reason)] : []));
    expect(refused, 'a workers process refused to start').toEqual([]);

    expect(await db.nectarcamSource.count()).toBe(1);
    expect(await db.dqmHost.count()).toBe(2);
    expect(await db.alertSource.count()).toBe(1);
    expect(await db.brokerSource.count()).toBe(1);
    expect(await db.cameraGeometry.count()).toBe(1);

    const connection = createBullConnection(testRedisUrl());
    const schedulers: string[] = [];
    for (const name of ALL_QUEUES) {
      const queue = createQueue(name, connection, prefix);
      for (const s of await queue.getJobSchedulers()) schedulers.push(`${name}/${s.key}`);
      await queue.close();
    }
    const slots = await connection.keys(`${prefix}:dcs:mqtt-slot:*`);
    await connection.quit();
    expect(schedulers.length).toBeGreaterThanOrEqual(5);
    expect(new Set(schedulers).size).toBe(schedulers.length);
    // Two bridge slots (two MQTT client ids), both bridges connected.
    expect(slots.map((k) => k.split(':').at(-1)).sort()).toEqual(['0', '1']);
  });
});
