import type { AlertsServices } from '@opshub/alerts';
import { createLogger } from '@opshub/config';
import { createDb, type Db } from '@opshub/db';
import { createBullConnection } from '@opshub/jobs';
import { startAlertStreamServer, type AlertStreamServer } from '@opshub/simulators/alert-stream';
import { startPullBroker, type PullBroker } from '@opshub/simulators/brokers';
import {
  createTestDatabase,
  deleteKeys,
  testRedisUrl,
  uniquePrefix,
  waitFor,
  type TestDatabase,
} from '@opshub/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertsModule } from '../src/alerts/alerts.module.js';
import { startWorkers, type RunningWorkers } from '../src/index.js';

const log = createLogger('workers-test', 'silent');
const prefix = uniquePrefix('broker-pull');
let database: TestDatabase;
let db: Db;
let stream: AlertStreamServer;
let broker: PullBroker;
let workers: RunningWorkers;
let alerts: AlertsServices | undefined;

const count = async (): Promise<{ messages: number; linked: number; duplicates: number }> => {
  const [row] = await db.$queryRaw<{ messages: number; linked: number; duplicates: number }[]>`
    SELECT (SELECT count(*)::int FROM alerts.broker_message) AS messages,
           (SELECT count(*)::int FROM alerts.broker_message WHERE dia_object_id IS NOT NULL) AS linked,
           (SELECT COALESCE(sum(duplicates), 0)::int FROM alerts.broker_duplicate_tally) AS duplicates`;
  return row!;
};
const alertsStored = async (): Promise<number> =>
  (await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM alerts.alert`)[0]!.n;

beforeAll(async () => {
  [database, stream] = await Promise.all([
    createTestDatabase('workers-broker-pull'),
    startAlertStreamServer({ initialBatches: 2, population: 20, seed: 5 }),
  ]);
  broker = await startPullBroker({ streamUrl: stream.url, seed: 3 });
  db = createDb(database.url, { max: 2 });
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
    modules: [
      alertsModule({
        databaseUrl: database.url,
        alertSourceUrl: stream.url,
        pullEveryMs: 200,
        brokerSourceUrl: broker.url,
        brokerPullEveryMs: 200,
        onServices: (s) => (alerts = s),
      }),
    ],
  });
});

afterAll(async () => {
  await workers?.stop();
  await broker?.close();
  await stream?.close();
  const connection = createBullConnection(testRedisUrl());
  await deleteKeys(connection, prefix);
  await connection.quit();
  await db?.$disconnect();
  await database?.drop();
});

describe('broker sources pulled by the workers', () => {
  it("stores a simulated broker's classifications of the stream's alerts, resuming from its cursor, none twice", async () => {
    // The hub takes the survey's alerts; the broker follows the same stream and classifies them.
    await waitFor(
      async () => (await alertsStored()) > 0 && (await alertsStored()) === (await alertsStored()),
      'alerts stored',
    );
    const names = stream.names();
    await waitFor(
      async () => (await db.alertSource.findFirst())?.cursor === names.at(-1),
      'the alert batches pulled',
    );
    const classified = await broker.follow();
    expect(classified).toBeGreaterThan(0);
    await waitFor(async () => (await count()).messages === broker.size, 'the first records stored');
    const first = await count();
    expect(first).toEqual({ messages: broker.size, linked: broker.size, duplicates: 0 });

    // A new step of the survey: the broker classifies it; the next pulls ask after the cursor.
    const before = broker.size;
    const asked = broker.requests.length;
    await stream.addBatch();
    const last = stream.names().at(-1);
    await waitFor(
      async () => (await db.alertSource.findFirst())?.cursor === last,
      'the new alert batch pulled',
    );
    expect(await broker.follow()).toBeGreaterThan(0);
    await waitFor(async () => (await count()).messages === broker.size, 'the new records stored');
    expect(broker.requests).toContain(String(before));
    expect(broker.requests.slice(asked)).not.toContain(null);
    // The messages commit before the cursor moves past them: wait for the cursor too.
    await waitFor(
      async () => (await db.brokerSource.findFirstOrThrow()).cursor === String(broker.size),
      'the cursor past the new records',
    );
    const source = await db.brokerSource.findFirstOrThrow();
    expect(source).toMatchObject({
      cursor: String(broker.size),
      lastError: null,
      loaded: BigInt(broker.size),
    });

    // Pulled again from its start (a lost cursor): every record is a duplicate, nothing stored twice.
    await db.brokerSource.update({ where: { id: source.id }, data: { cursor: null } });
    await waitFor(async () => (await count()).duplicates === broker.size, 'the replay counted as duplicates');
    expect((await count()).messages).toBe(broker.size);
    const figures = await alerts!.classifications.figures(null);
    expect(figures.map((f) => f.classifier.classifierName).sort()).toEqual([
      'LightCurveNN 0.9',
      'RandomForest 2.3',
    ]);
    for (const f of figures) expect(f.alertsClassified).toBe(broker.size / 2);
  });
});
