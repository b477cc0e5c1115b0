import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createLogger } from '@opshub/config';
import { createDb, type Db } from '@opshub/db';
import { buildDcsSchema, createDcsServices, seedDcsDemo, type DcsServices } from '@opshub/dcs';
import { EventBus } from '@opshub/events';
import { composeSupergraph, createGateway, type RunningGateway } from '@opshub/gateway';
import { createBullConnection } from '@opshub/jobs';
import { authenticateRoute, buildOpsSchema, createOpsServices, Role } from '@opshub/ops';
import { startSubgraphServer, type RunningSubgraph } from '@opshub/subgraph-kit';
import {
  createTestDatabase,
  deleteKeys,
  TEST_SECRET,
  type TestDatabase,
  testRedisUrl,
  uniquePrefix,
  waitFor,
} from '@opshub/testing';
import { createClient, type Client } from 'graphql-ws';
import mqtt, { type MqttClient } from 'mqtt';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dcsModule, startWorkers, type DcsRuntime, type RunningWorkers } from '../src/index.js';
import { startMosquitto } from '@opshub/testing';

const DQM_SDL = new URL('../../subgraphs/dqm/schema.graphql', import.meta.url);

const log = createLogger('dcs-bridge-test', 'silent');
let database: TestDatabase;
let db: Db;
let prefix: string;
let broker: Awaited<ReturnType<typeof startMosquitto>>;
let workers: RunningWorkers;
let runtime: DcsRuntime;
let events: EventBus;
let dcs: DcsServices;
let servers: RunningSubgraph[] = [];
let gateway: RunningGateway;
let token: string;
let publisher: MqttClient;
let ws: Client;
const root = 'stand';

async function gql<T>(
  query: string,
  variables: Record<string, unknown> = {},
): Promise<{ data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] }> {
  const res = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as never;
}

const storedCount = async (deviceId: string, metric: string): Promise<number> =>
  Number(
    (
      await db.$queryRawUnsafe<{ n: bigint }[]>(
        'SELECT count(*) AS n FROM dcs.reading WHERE device_id = $1 AND metric = $2',
        deviceId,
        metric,
      )
    )[0]!.n,
  );

beforeAll(async () => {
  database = await createTestDatabase('dcsbridge');
  db = createDb(database.url);
  await seedDcsDemo(db);
  prefix = uniquePrefix('dcsbridge');
  broker = await startMosquitto();
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
      dcsModule(
        {
          databaseUrl: database.url,
          mqttUrl: broker.url,
          root,
          julaboPort: '/nonexistent/julabo',
          pollEveryMs: 60_000,
        },
        (r) => (runtime = r),
      ),
    ],
    schedules: [],
  });
  events = await EventBus.connect(testRedisUrl(), prefix);
  dcs = createDcsServices(db, { databaseUrl: database.url, events, log });
  const ops = createOpsServices(db, { sessionTtlHours: 1 });
  const opsBuilt = await buildOpsSchema(ops);
  const dcsBuilt = await buildDcsSchema(dcs);
  const opsServer = await startSubgraphServer({
    name: 'ops',
    schema: opsBuilt.schema,
    host: '127.0.0.1',
    port: 0,
    secret: TEST_SECRET,
    log,
    routes: authenticateRoute(ops.sessions),
  });
  const dcsServer = await startSubgraphServer({
    name: 'dcs',
    schema: dcsBuilt.schema,
    host: '127.0.0.1',
    port: 0,
    secret: TEST_SECRET,
    log,
  });
  servers = [opsServer, dcsServer];
  const { supergraphSdl } = composeSupergraph([
    { name: 'ops', url: opsServer.url, sdl: opsBuilt.sdl },
    { name: 'dcs', url: dcsServer.url, sdl: dcsBuilt.sdl },
    // dcs extends dqm's runs (DqmRun.conditions requires their times): dqm's SDL completes the
    // composition; nothing here queries it, so it is not started.
    { name: 'dqm', url: 'http://127.0.0.1:1/graphql', sdl: readFileSync(DQM_SDL, 'utf8') },
  ]);
  gateway = await createGateway({
    supergraphSdl,
    subgraphUrls: { ops: opsServer.url, dcs: dcsServer.url },
    secret: TEST_SECRET,
    log,
  });
  await ops.users.create({ username: 'viewer', password: 'viewer-password-1', roles: [Role.VIEWER] });
  const login = await gql<{ login: { token: string } }>(
    'mutation { login(username: "viewer", password: "viewer-password-1") { token } }',
  );
  token = login.data!.login.token;
  publisher = await mqtt.connectAsync(broker.url);
  ws = createClient({
    url: gateway.url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazyCloseTimeout: 0,
    connectionParams: { authorization: `Bearer ${token}` },
  });
});

afterAll(async () => {
  await ws?.dispose();
  await publisher?.endAsync();
  await gateway?.close();
  for (const s of servers) await s.close();
  await workers?.stop();
  await dcs?.close();
  await events?.close();
  await broker?.stop();
  const connection = createBullConnection(testRedisUrl());
  await deleteKeys(connection, prefix);
  await connection.quit();
  await db?.$disconnect();
  await database?.drop();
});

describe('MQTT bridge', () => {
  it('stores an MQTT status as a reading and delivers readingAdded at the gateway', async () => {
    const received: { deviceId: string; metric: string; value: number }[] = [];
    const unsubscribe = ws.subscribe<{ readingAdded: { deviceId: string; metric: string; value: number } }>(
      {
        query:
          'subscription { readingAdded(deviceId: "ESP02", metric: "BME/temp") { deviceId metric value at } }',
      },
      {
        next: (r) => void (r.data && received.push(r.data.readingAdded)),
        error: () => undefined,
        complete: () => undefined,
      },
    );
    try {
      // The upstream subscription has no ready signal: publish until one arrives, then check the value path.
      let value = 21;
      await waitFor(async () => {
        if (received.length > 0) return true;
        value += 0.01;
        await publisher.publishAsync(`${root}/ESP02/sensors/BME/temp`, value.toFixed(2), { qos: 1 });
        await new Promise((r) => setTimeout(r, 100));
        return false;
      }, 'the first readingAdded');
      const n = received.length;
      await publisher.publishAsync(`${root}/ESP02/sensors/BME/temp`, '23.45', { qos: 1 });
      const live = await waitFor(
        () => received.slice(n).find((r) => r.value === 23.45),
        'readingAdded 23.45',
        5_000,
      );
      expect(live).toEqual({ deviceId: 'ESP02', metric: 'BME/temp', value: 23.45, at: expect.any(String) });
      expect(received.every((r) => r.deviceId === 'ESP02' && r.metric === 'BME/temp')).toBe(true);

      const device = await gql<{
        device: { state: string; online: boolean; latest: { metric: string; value: number }[] };
      }>('{ device(id: "ESP02") { state online latest { metric value } } }');
      expect(device.errors).toBeUndefined();
      expect(device.data!.device).toMatchObject({
        state: 'CONNECTED',
        online: true,
        latest: [{ metric: 'BME/temp', value: 23.45 }],
      });
      const rows = await db.$queryRawUnsafe<{ value: number }[]>(
        "SELECT value FROM dcs.reading WHERE device_id = 'ESP02' AND metric = 'BME/temp' ORDER BY at DESC LIMIT 1",
      );
      expect(rows[0]!.value).toBe(23.45);
    } finally {
      unsubscribe();
    }
  });

  it('turns a CAEN channels payload into channel states and readings', async () => {
    const channel = (module: string) => ({
      id: 0,
      module,
      fsm_state: 'LV_ON',
      lv_board: 0,
      lv_channel: 0,
      lv_status: 1,
      lv_setV: 12,
      lv_vMon: 12.01,
      lv_iMon: 1.2,
      lv_maxI: 2.5,
      lv_temp: 18.5,
      hv_board: 12,
      hv_channel: 0,
      hv_status: 0,
      hv_setV: 200,
      hv_vMon: 0,
      hv_iMon: 0,
      hv_maxI: 500,
    });
    await publisher.publishAsync(
      `${root}/dcs/channels`,
      JSON.stringify(['module-1', 'module-2', 'module-3', 'module-4'].map(channel)),
      { qos: 1 },
    );
    await waitFor(async () => (await dcs.devices.byId('module-3/hv'))?.state === 'LV_ON', 'module-3 LV_ON');
    const latest = (await dcs.readings.latestOf(['module-3/lv'])).get('module-3/lv')!;
    expect(Object.fromEntries(latest.map((r) => [r.metric, r.value]))).toEqual({
      status: 1,
      vMon: 12.01,
      iMon: 1.2,
      v0Set: 12,
      i0Set: 2.5,
      temperature: 18.5,
    });
  });

  it('dead-letters malformed payloads with topic, payload and reason, counted in the API, and keeps going', async () => {
    const bad: [string, string][] = [
      [`${root}/ESP01/sensors/BME/humi`, 'NaN%'],
      [`${root}/dcs/channels`, '{"not": "a list"'],
      [`${root}/dcs/status`, '{"state": 3}'],
      [`${root}/ESP09/sensors/DS/temp`, '20.5'],
      [`${root}/ESP01/sensors/DS/temp`, '20\u00005'],
    ];
    for (const [topic, payload] of bad) await publisher.publishAsync(topic, payload, { qos: 1 });
    await publisher.publishAsync(`${root}/ESP01/sensors/BME/humi`, '41.5', { qos: 1 });
    await waitFor(async () => (await dcs.deadLetters.count()) >= 5, 'five dead letters');
    await waitFor(async () => (await storedCount('ESP01', 'BME/humi')) === 1, 'the good reading after them');

    const page = await gql<{
      deadLetterCount: number;
      deadLetters: {
        totalCount: number;
        edges: { node: { topic: string; payload: string; reason: string } }[];
      };
    }>(
      '{ deadLetterCount deadLetters(first: 10) { totalCount edges { node { topic payload payloadBytes payloadSha256 reason receivedAt } } } }',
    );
    expect(page.errors).toBeUndefined();
    expect(page.data!.deadLetterCount).toBe(5);
    expect(page.data!.deadLetters.totalCount).toBe(5);
    const byTopic = Object.fromEntries(page.data!.deadLetters.edges.map((e) => [e.node.topic, e.node]));
    expect(byTopic[`${root}/ESP01/sensors/BME/humi`]).toMatchObject({
      payload: 'NaN%',
      reason: 'sensor value is not a number: "NaN%"',
    });
    expect(byTopic[`${root}/dcs/channels`]).toMatchObject({
      payload: '{"not": "a list"',
      payloadBytes: 16,
      payloadSha256: createHash('sha256').update('{"not": "a list"').digest('hex'),
      reason: 'payload is not JSON',
    });
    expect(byTopic[`${root}/dcs/status`]).toMatchObject({ reason: 'fsm_state is missing' });
    expect(byTopic[`${root}/ESP09/sensors/DS/temp`]).toMatchObject({ reason: 'unknown device ESP09' });
    // NUL cannot be stored as text: kept byte for byte as base64.
    expect(byTopic[`${root}/ESP01/sensors/DS/temp`]).toMatchObject({
      payload: `base64:${Buffer.from('20\u00005').toString('base64')}`,
    });
  });

  it('delivers alarmRaised and deviceStateChanged at the gateway', async () => {
    const alarms: { rule: string; deviceId: string; severity: string }[] = [];
    const states: { id: string; state: string }[] = [];
    const stop = [
      ws.subscribe<{ alarmRaised: { rule: string; deviceId: string; severity: string } }>(
        { query: 'subscription { alarmRaised { id rule deviceId severity message raisedAt active } }' },
        {
          next: (r) => void (r.data && alarms.push(r.data.alarmRaised)),
          error: () => undefined,
          complete: () => undefined,
        },
      ),
      ws.subscribe<{ deviceStateChanged: { id: string; state: string } }>(
        { query: 'subscription { deviceStateChanged(deviceId: "module-4/hv") { id state online } }' },
        {
          next: (r) => void (r.data && states.push(r.data.deviceStateChanged)),
          error: () => undefined,
          complete: () => undefined,
        },
      ),
    ];
    const channels = (lvStatus: number) =>
      JSON.stringify(
        ['module-1', 'module-2', 'module-3', 'module-4'].map((module) => ({
          id: 0,
          module,
          lv_status: lvStatus,
          lv_setV: 12,
          lv_vMon: lvStatus ? 12 : 0,
          lv_iMon: 0,
          lv_maxI: 2.5,
          hv_status: 0,
          hv_setV: 200,
          hv_vMon: 0,
          hv_iMon: 0,
          hv_maxI: 500,
        })),
      );
    try {
      // No ready signal upstream: flip the state (and push the humidity up) until both streams deliver.
      let lv = 0;
      let humidity = 70;
      await waitFor(
        async () => {
          if (alarms.length > 0 && states.length > 0) return true;
          lv = 1 - lv;
          humidity = humidity === 70 ? 40 : 70;
          await publisher.publishAsync(`${root}/dcs/channels`, channels(lv), { qos: 1 });
          await publisher.publishAsync(`${root}/ESP02/sensors/BME/humi`, String(humidity), { qos: 1 });
          await new Promise((r) => setTimeout(r, 150));
          return false;
        },
        'alarmRaised and deviceStateChanged',
        15_000,
      );
      expect(alarms[0]).toMatchObject({
        rule: 'threshold:humidity-high',
        deviceId: 'ESP02',
        severity: 'WARNING',
      });
      expect(states[0]!.id).toBe('module-4/hv');
      expect(['LV_ON', 'LV_OFF']).toContain(states[0]!.state);
    } finally {
      for (const s of stop) s();
    }
  });

  it('loses no reading in a burst of 10,000 QoS 1 messages', async () => {
    const before = runtime.bridge.stats.stored;
    const sends: Promise<unknown>[] = [];
    for (let i = 0; i < 10_000; i++)
      sends.push(
        publisher.publishAsync(`${root}/ESP03/sensors/SCD30/co2`, String(400 + (i % 100)), { qos: 1 }),
      );
    await Promise.all(sends);
    await waitFor(
      async () => (await storedCount('ESP03', 'SCD30/co2')) === 10_000,
      'all 10,000 stored',
      30_000,
    );
    // The counter moves just after the commit the database count saw (it may also count stragglers of
    // the tests before: exactly-once is the database count above).
    await waitFor(() => runtime.bridge.stats.stored - before >= 10_000, 'the bridge counter');
    await waitFor(() => runtime.bridge.stats.pending === 0, 'the bridge idle');
    expect(await storedCount('ESP03', 'SCD30/co2')).toBe(10_000);
    // Every message was acknowledged after its commit: nothing left for the broker to deliver again.
    await waitFor(() => runtime.bridge.stats.acked >= runtime.bridge.stats.received, 'every message acked');
    expect(runtime.bridge.stats.failedBatches).toBe(0);
  });
});
