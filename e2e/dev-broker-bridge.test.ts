// The MQTT bridge on the broker `npm run up` starts when no mosquitto is installed: aedes speaks
// MQTT 3.1.1 only, so the bridge runs with MQTT_PROTOCOL_VERSION=4 there. It must still log in as its
// own identity under the production ACL, store every reading once and acknowledge each only after
// its batch committed (no MQTT 5 Receive Maximum: the broker's backlog waits, the bridge reads less).
import { randomBytes } from 'node:crypto';
import { createLogger } from '@opshub/config';
import { createDb, type Db } from '@opshub/db';
import { seedDcsDemo } from '@opshub/dcs';
import { startEmbeddedBroker, type EmbeddedBroker } from '@opshub/simulators/embedded-mqtt';
import { HUB_BRIDGE, standIdentities } from '@opshub/simulators/mqtt-identities';
import { createTestDatabase, type TestDatabase, testRedisUrl, uniquePrefix, waitFor } from '@opshub/testing';
import { dcsModule, startWorkers, type DcsRuntime, type RunningWorkers } from '@opshub/workers';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = uniquePrefix('devbroker').replace(/[^A-Za-z0-9_-]/g, '_');
const identities = standIdentities({ root });
const passwords = Object.fromEntries(identities.map((id) => [id.username, randomBytes(12).toString('hex')]));
let broker: EmbeddedBroker;
let database: TestDatabase;
let db: Db;
let workers: RunningWorkers;
let runtime: DcsRuntime;

beforeAll(async () => {
  broker = await startEmbeddedBroker({ access: { identities, passwords } });
  database = await createTestDatabase('devbroker');
  db = createDb(database.url);
  await seedDcsDemo(db);
  workers = await startWorkers({
    env: {
      DATABASE_URL: database.url,
      REDIS_URL: testRedisUrl(),
      REDIS_PREFIX: uniquePrefix('devbroker'),
      SESSION_TTL_HOURS: 1,
      WORKER_SHUTDOWN_MS: 5_000,
      LOG_LEVEL: 'silent',
    },
    log: createLogger('dev-broker-bridge', 'silent'),
    modules: [
      dcsModule(
        {
          databaseUrl: database.url,
          mqttUrl: broker.url,
          root,
          julaboPort: '/nonexistent/julabo',
          pollEveryMs: 3_600_000,
          bridge: { protocolVersion: 4 },
          logins: { bridge: { username: HUB_BRIDGE, password: passwords[HUB_BRIDGE]! } },
        },
        (r) => (runtime = r),
      ),
    ],
    schedules: [],
  });
});

afterAll(async () => {
  await workers?.stop();
  await broker?.close();
  await db?.$disconnect();
  await database?.drop();
});

describe('the bridge on the embedded dev broker (MQTT 3.1.1)', () => {
  it('logs in as its identity, stores each reading once and acknowledges it after the commit', async () => {
    expect(runtime.bridge.stats.connections).toBe(1);
    const board = await mqtt.connectAsync(broker.url, {
      username: 'ESP01',
      password: passwords['ESP01']!,
      protocolVersion: 4,
    });
    try {
      const sends: Promise<unknown>[] = [];
      for (let i = 0; i < 300; i++)
        sends.push(
          board.publishAsync(`${root}/ESP01/sensors/DS/temp`, (20 + i / 100).toFixed(2), { qos: 1 }),
        );
      await Promise.all(sends);
    } finally {
      await board.endAsync();
    }
    const stored = async () =>
      Number(
        (
          await db.$queryRaw<{ n: bigint }[]>`
            SELECT count(*) AS n FROM dcs.reading WHERE device_id = 'ESP01' AND metric = 'DS/temp'`
        )[0]!.n,
      );
    await waitFor(async () => (await stored()) >= 300, '300 readings', 15_000);
    await waitFor(async () => runtime.bridge.stats.acked >= 300, '300 acknowledgements', 15_000);
    expect(await stored()).toBe(300);
    expect(runtime.bridge.stats.acked).toBe(300);
  });
});
