// Fault: the MQTT broker (mosquitto with persistence) is restarted while devices publish. The real
// dcs workers bridge the stand's readings into Postgres and acknowledge each message only after its
// batch has committed; the broker keeps the bridge's session across the restart. Every reading the
// broker acknowledged to a device must end up stored: 0 lost. Figures: published / stored / lost,
// duplicates (a device resending an unacknowledged publish after the restart is a new message to the
// broker), the bridge's reconnection and the backlog's drain times.
import { createLogger } from '@opshub/config';
import { createDb, type Db } from '@opshub/db';
import { seedDcsDemo } from '@opshub/dcs';
import { createBullConnection } from '@opshub/jobs';
import { createTestDatabase, type TestDatabase, testRedisUrl, uniquePrefix, waitFor } from '@opshub/testing';
import { dcsModule, startWorkers, type DcsRuntime, type RunningWorkers } from '@opshub/workers';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPersistentBroker, type PersistentBroker } from './mqtt-broker.js';

const root = 'stand';
const log = createLogger('e2e-mqtt-broker-restart', 'silent');
let database: TestDatabase;
let db: Db;
let prefix: string;
let broker: PersistentBroker;
let workers: RunningWorkers;
let runtime: DcsRuntime;
let device: MqttClient;

const storedValues = async (): Promise<number[]> =>
  (
    await db.$queryRawUnsafe<{ value: number }[]>(
      "SELECT value FROM dcs.reading WHERE device_id = 'ESP01' AND metric = 'DS/temp'",
    )
  ).map((r) => r.value);

beforeAll(async () => {
  database = await createTestDatabase('faultmqttrestart');
  db = createDb(database.url);
  await seedDcsDemo(db);
  prefix = uniquePrefix('fault-mqtt-restart');
  broker = await startPersistentBroker();
  workers = await startWorkers({
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
        },
        (r) => (runtime = r),
      ),
    ],
    schedules: [],
  });
  // A sensor board: QoS 1, reconnecting quickly, resending what the broker did not acknowledge.
  device = await mqtt.connectAsync(broker.url, { reconnectPeriod: 200 });
}, 60_000);

afterAll(async () => {
  device?.end(true);
  await workers?.stop();
  await broker?.remove();
  const connection = createBullConnection(testRedisUrl());
  const keys = await connection.keys(`${prefix}:*`);
  if (keys.length > 0) await connection.del(...keys);
  await connection.quit();
  await db?.$disconnect();
  await database?.drop();
});

describe('MQTT broker restarted under a publishing load', () => {
  it('loses no reading the broker acknowledged', async () => {
    const acknowledged = new Set<number>();
    const pending = new Set<Promise<unknown>>();
    let seq = 0;
    let publishing = true;
    // About 500 readings a second, each value unique.
    const load = (async () => {
      while (publishing) {
        for (let i = 0; i < 5; i++) {
          const value = ++seq;
          const p = device
            .publishAsync(`${root}/ESP01/sensors/DS/temp`, String(value), { qos: 1 })
            .then(() => acknowledged.add(value))
            .catch(() => undefined)
            .finally(() => pending.delete(p));
          pending.add(p);
        }
        await new Promise((r) => setTimeout(r, 10));
      }
    })();

    await waitFor(() => acknowledged.size >= 500, '500 readings acknowledged before the restart', 10_000);
    const connections = runtime.bridge.stats.connections;
    const before = acknowledged.size;
    await broker.stop();
    const downAt = Date.now();
    await broker.start();
    const upAt = Date.now();
    await waitFor(() => runtime.bridge.stats.connections > connections, 'the bridge reconnected', 15_000);
    const bridgeBackMs = Date.now() - upAt;
    await waitFor(() => acknowledged.size >= before + 1000, '1,000 more readings after the restart', 20_000);
    publishing = false;
    await load;
    const stoppedAt = Date.now();
    await waitFor(() => pending.size === 0, 'every publish settled', 15_000);
    const published = [...acknowledged];
    let values: number[] = [];
    await waitFor(
      async () => {
        values = await storedValues();
        const stored = new Set(values);
        return published.every((v) => stored.has(v));
      },
      'every acknowledged reading stored',
      30_000,
    ).catch(() => undefined);
    const drainedMs = Date.now() - stoppedAt;
    const stored = new Set(values);
    const lost = published.filter((v) => !stored.has(v)).length;
    console.log(
      `mqtt broker restart: published ${published.length} (of ${seq} sent), stored ${stored.size} distinct ` +
        `(${values.length} rows, ${values.length - stored.size} duplicates), lost ${lost}; broker down ` +
        `${upAt - downAt} ms, bridge reconnected ${bridgeBackMs} ms after the broker was back, backlog ` +
        `drained ${drainedMs} ms after the load stopped; bridge acked ${runtime.bridge.stats.acked}, ` +
        `batches ${runtime.bridge.stats.batches}`,
    );
    expect(lost).toBe(0);
    expect(runtime.bridge.stats.pending).toBe(0);
  }, 90_000);
});
