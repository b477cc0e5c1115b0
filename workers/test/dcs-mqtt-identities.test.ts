// Issue 7, C1, the hub's side: on the production broker as shipped (ACL, one password per identity,
// TLS), the workers' bridge reads the stand as `opshub-bridge` and the operator's commands reach the
// supply through the command publisher's own identity, `opshub-commands`; the simulated devices log
// in as themselves.
import { randomBytes } from 'node:crypto';
import { createLogger } from '@opshub/config';
import { createDb, type Db } from '@opshub/db';
import { createDcsServices, createJobDispatcher, seedDcsDemo, type DcsServices } from '@opshub/dcs';
import { EventBus } from '@opshub/events';
import { createBullConnection } from '@opshub/jobs';
import { startDcsStand, type DcsStand } from '@opshub/simulators/dcs-stand';
import { standIdentities } from '@opshub/simulators/mqtt-identities';
import {
  createTestDatabase,
  deleteKeys,
  type ShippedMosquitto,
  startShippedMosquitto,
  type TestDatabase,
  testRedisUrl,
  uniquePrefix,
  waitFor,
} from '@opshub/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dcsModule, startWorkers, type RunningWorkers } from '../src/index.js';
import { operator } from './dcs-harness.js';

const log = createLogger('dcs-mqtt-identities-test', (process.env['TEST_LOG_LEVEL'] ?? 'silent') as 'info');
const identities = standIdentities().filter((id) => id.passwordKey);
// One password per setting; the hub's per-process identities (opshub-bridge-1 …) share their family's.
const settings = Object.fromEntries(
  identities.map((id) => [id.passwordKey!, randomBytes(12).toString('hex')]),
);
const passwords = Object.fromEntries(identities.map((id) => [id.username, settings[id.passwordKey!]!]));

const withCredentials = (url: string, username: string, password: string): string => {
  const u = new URL(url);
  u.username = username;
  u.password = password;
  return u.toString();
};

let broker: ShippedMosquitto;
let database: TestDatabase;
let db: Db;
let stand: DcsStand;
let workers: RunningWorkers;
let dispatcher: Awaited<ReturnType<typeof createJobDispatcher>>;
let events: EventBus;
let api: DcsServices;
const prefix = uniquePrefix('dcsids');

beforeAll(async () => {
  broker = await startShippedMosquitto(settings);
  database = await createTestDatabase('dcsids');
  db = createDb(database.url);
  await seedDcsDemo(db);
  // The shipped ACL is for the real stand's bare topics: this broker is the test's own.
  stand = await startDcsStand({
    mqttUrl: broker.url,
    root: '',
    logins: { passwords, ca: broker.ca },
    caen: { publishMs: 200, hv: { rampUp: 1000, rampDown: 1000 } },
    espPublishMs: 200,
  });
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
      dcsModule({
        databaseUrl: database.url,
        // An old single-account URL left in the settings must not make the command publisher log in as
        // the bridge (mqtt.js prefers a URL's credentials): each client still uses its own identity.
        mqttUrl: withCredentials(broker.url, 'opshub-bridge', passwords['opshub-bridge']!),
        root: '',
        julaboPort: stand.julaboPort,
        timing: { gapMs: 10, timeoutMs: 300 },
        pollEveryMs: 300,
        interlockEveryMs: 100,
        logins: {
          bridge: { username: 'opshub-bridge', password: passwords['opshub-bridge']!, ca: broker.ca },
          commands: { username: 'opshub-commands', password: passwords['opshub-commands']!, ca: broker.ca },
        },
      }),
    ],
    schedules: [],
  });
  events = await EventBus.connect(testRedisUrl(), prefix);
  dispatcher = await createJobDispatcher(testRedisUrl(), prefix);
  api = createDcsServices(db, { databaseUrl: database.url, events, log, dispatcher });
}, 60_000);

afterAll(async () => {
  await workers?.stop();
  await dispatcher?.close();
  await api?.close();
  await events?.close();
  await stand?.close();
  const connection = createBullConnection(testRedisUrl());
  await deleteKeys(connection, prefix);
  await connection.quit();
  await db?.$disconnect();
  await database?.drop();
  await broker?.stop();
});

describe('the hub on the shipped broker, each part as its own identity', () => {
  it('stores the devices’ readings through the bridge identity', async () => {
    const dew = await waitFor(
      async () => (await api.readings.latestOf(['ESP02'])).get('ESP02')?.find((r) => r.metric === 'BME/dew'),
      'an ESP02 dew point stored',
    );
    expect(dew.value).toBeLessThan(20);
    await waitFor(async () => (await api.commands.snapshot()).system === 'LV_OFF', 'the supply read');
  });

  it("sends the operator's commands through the command publisher's identity", async () => {
    expect((await api.commands.switchLowVoltage(true, operator)).accepted).toBe(true);
    await waitFor(() => stand.caen.state() === 'LV_ON', 'LV on at the supply');
    await waitFor(async () => (await api.commands.snapshot()).system === 'LV_ON', 'LV_ON reported back');
  });
});
