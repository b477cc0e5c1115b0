// Issue 11, item 4: the MQTT bridge runs in every workers process. Two workers processes' bridges on
// one real mosquitto share the stand's topics through an MQTT 5 shared subscription: every reading
// published is stored once, each bridge takes a share, a bridge that stops while its peer runs
// leaves the group without losing what was in flight, and the last one to stop keeps its session
// so the readings published while no bridge runs are stored by the next process to start.
import { createLogger } from '@opshub/config';
import { createDb, type Db } from '@opshub/db';
import { seedDcsDemo } from '@opshub/dcs';
import { createBullConnection } from '@opshub/jobs';
import {
  createTestDatabase,
  deleteKeys,
  startMosquitto,
  type TestDatabase,
  testRedisUrl,
  uniquePrefix,
  waitFor,
} from '@opshub/testing';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dcsModule, startWorkers, type DcsRuntime, type RunningWorkers } from '../src/index.js';

const root = 'stand';
const log = createLogger('dcs-bridge-shared-test', (process.env['TEST_LOG_LEVEL'] ?? 'silent') as 'info');
let database: TestDatabase;
let db: Db;
let prefix: string;
let broker: Awaited<ReturnType<typeof startMosquitto>>;
let publisher: MqttClient;
const running: RunningWorkers[] = [];

/** A workers process's runtime with the dcs module, as main.ts would start it with MQTT_SHARE_GROUP set. */
async function workersProcess(
  shareGroup: string | undefined,
): Promise<{ workers: RunningWorkers; dcs: DcsRuntime }> {
  let dcs: DcsRuntime | undefined;
  const workers = await startWorkers({
    env: {
      DATABASE_URL: database.url,
      REDIS_URL: testRedisUrl(),
      REDIS_PREFIX: prefix,
      SESSION_TTL_HOURS: 1,
      WORKER_SHUTDOWN_MS: 5_000,
      LOG_LEVEL: 'silent',
    },
    log,
    modules: [
      dcsModule(
        {
          databaseUrl: database.url,
          mqttUrl: broker.url,
          root,
          julaboPort: '/nonexistent/julabo',
          pollEveryMs: 3_600_000,
          ...(shareGroup ? { shareGroup } : {}),
        },
        (r) => (dcs = r),
      ),
    ],
    schedules: [],
  });
  running.push(workers);
  return { workers, dcs: dcs! };
}

const stored = async (): Promise<{ rows: number; distinct: number }> => {
  const [r] = await db.$queryRawUnsafe<{ rows: bigint; distinct: bigint }[]>(
    "SELECT count(*) AS rows, count(DISTINCT value) AS distinct FROM dcs.reading WHERE device_id = 'ESP01' AND metric = 'DS/temp'",
  );
  return { rows: Number(r!.rows), distinct: Number(r!.distinct) };
};

/** Publishes readings `from`..`to`-1 (QoS 1, each a distinct value), resolved once the broker has them all. */
async function publish(from: number, to: number): Promise<void> {
  const sends: Promise<unknown>[] = [];
  for (let i = from; i < to; i++)
    sends.push(publisher.publishAsync(`${root}/ESP01/sensors/DS/temp`, (i / 100).toFixed(2), { qos: 1 }));
  await Promise.all(sends);
}

beforeAll(async () => {
  database = await createTestDatabase('dcsbridgeshared');
  db = createDb(database.url);
  await seedDcsDemo(db);
  prefix = uniquePrefix('dcsbridgeshared');
  broker = await startMosquitto();
  publisher = await mqtt.connectAsync(broker.url);
});

afterAll(async () => {
  await publisher?.endAsync();
  for (const w of running) await w.stop();
  await broker?.stop();
  const connection = createBullConnection(testRedisUrl());
  await deleteKeys(connection, prefix);
  await connection.quit();
  await db?.$disconnect();
  await database?.drop();
});

describe('two workers processes bridging one broker', () => {
  let a: Awaited<ReturnType<typeof workersProcess>>;
  let b: Awaited<ReturnType<typeof workersProcess>>;
  let c: Awaited<ReturnType<typeof workersProcess>>;

  it('stores each of N readings once, some through each bridge', async () => {
    a = await workersProcess('hub');
    b = await workersProcess('hub');
    const N = 600;
    await publish(0, N);
    await waitFor(async () => (await stored()).rows >= N, `${N} readings stored`, 30_000);
    expect(await stored()).toEqual({ rows: N, distinct: N });
    const [ra, rb] = [a.dcs.bridge.stats.received, b.dcs.bridge.stats.received];
    expect(ra, 'bridge A took a share').toBeGreaterThan(0);
    expect(rb, 'bridge B took a share').toBeGreaterThan(0);
    // Not one message delivered twice: the broker handed each to one bridge.
    expect(ra + rb).toBe(N);
    // QoS 1: each acknowledged only once stored.
    await waitFor(() => a.dcs.bridge.stats.acked + b.dcs.bridge.stats.acked >= N, 'every PUBACK sent');
  });

  it('loses nothing when one bridge stops while readings flow, and stores nothing twice', async () => {
    const sending = publish(600, 1200);
    await b.workers.stop();
    await sending;
    await waitFor(async () => (await stored()).rows >= 1200, '1200 readings stored', 30_000);
    // B's messages in flight when it left the group were stored by B before it stopped.
    expect(await stored()).toEqual({ rows: 1200, distinct: 1200 });
  });

  it('keeps the last bridge subscribed: readings published while none runs are stored by the next', async () => {
    await a.workers.stop();
    await publish(1200, 1300);
    c = await workersProcess('hub');
    await waitFor(async () => (await stored()).rows >= 1300, '1300 readings stored', 30_000);
    expect(await stored()).toEqual({ rows: 1300, distinct: 1300 });
    expect(c.dcs.bridge.stats.received).toBeGreaterThanOrEqual(100);
  });

  it('refuses a second bridging process without a shared subscription', async () => {
    await expect(workersProcess(undefined)).rejects.toThrow(/MQTT_SHARE_GROUP/);
  });

  it('stops bridging when another process has taken its slot after its lease lapsed', async () => {
    const redis = createBullConnection(testRedisUrl());
    const [key] = await redis.keys(`${prefix}:dcs:mqtt-slot:*:0`);
    expect(key).toBeDefined();
    // What a process starting while this one's lease had lapsed (Redis away) would have written.
    await redis.set(key!, 'another-process', 'PX', 60_000);
    await redis.quit();
    // At its next renewal (a third of the 15 s lease) it finds the slot taken and closes its bridge,
    // so two connections never fight over one client id.
    await waitFor(() => !c.dcs.bridge.connected, 'the bridge closed', 15_000);
  });
});
