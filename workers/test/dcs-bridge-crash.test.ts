// H2/M2 at the wire: the MQTT bridge runs in its own process and is killed with SIGKILL; a new
// bridge with the same MQTT client id takes over the persistent session. Every reading published
// (QoS 1, acknowledged by the broker) must be stored exactly once.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, connect, type Server, type Socket } from 'node:net';
import path from 'node:path';
import { createLogger } from '@opshub/config';
import { seedDcsDemo } from '@opshub/dcs';
import { createDb, type Db } from '@opshub/db';
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
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dcsModule, startWorkers, type DcsRuntime } from '../src/index.js';

const root = 'stand';
const N = 200;
let database: TestDatabase;
let db: Db;
let prefix: string;
let broker: Awaited<ReturnType<typeof startMosquitto>>;
let publisher: MqttClient;
const children: ChildProcess[] = [];
/** Two bridges (the one killed, the next) per test, spawned in beforeAll: they compile meanwhile. */
let stalled: ReturnType<typeof bridgeProcess>[];
let ackLost: ReturnType<typeof bridgeProcess>[];

interface Stats {
  received: number;
  stored: number;
  pending: number;
}

/**
 * A workers process for the bridge, compiled and waiting: `start(mqttUrl)` runs the bridge (then
 * `stats` is its newest report). Spawned ahead so that a test does not wait for the compilation.
 */
function bridgeProcess(clientId: string) {
  const child = spawn(
    process.execPath,
    [
      '--import',
      '@swc-node/register/esm-register',
      path.join(import.meta.dirname, 'fixtures', 'dcs-bridge-process.ts'),
    ],
    {
      cwd: path.join(import.meta.dirname, '..', '..'),
      env: {
        ...process.env,
        DATABASE_URL: database.url,
        REDIS_URL: testRedisUrl(),
        REDIS_PREFIX: prefix,
        MQTT_CLIENT_ID: clientId,
        DCS_MQTT_ROOT: root,
      },
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  children.push(child);
  let loaded = false;
  let stats: Stats | undefined;
  let rest = '';
  child.stdout!.on('data', (d: Buffer) => {
    const lines = (rest + d.toString()).split('\n');
    rest = lines.pop()!;
    for (const line of lines) {
      if (line === 'loaded') loaded = true;
      else stats = JSON.parse(line) as Stats;
    }
  });
  return {
    start: async (mqttUrl: string) => {
      await waitFor(() => loaded || child.exitCode !== null, 'the bridge process compiled', 60_000);
      // The URL travels on stdin: the process reads its settings when told to start.
      child.stdin!.write(`${mqttUrl}\n`);
      await waitFor(() => stats !== undefined || child.exitCode !== null, 'the bridge subscribed', 30_000);
      if (!stats) throw new Error(`the bridge process exited with ${child.exitCode}`);
    },
    stats: () => stats!,
    kill: async () => {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** A TCP relay to the broker whose bridge → broker direction can be cut (packets silently dropped). */
async function relay(target: string) {
  const { hostname, port } = new URL(target);
  let cut = false;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(Number(port), hostname);
    sockets.add(client).add(upstream);
    client.on('data', (d: Buffer) => {
      if (!cut) upstream.write(d);
    });
    upstream.pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    for (const s of [client, upstream]) s.on('close', end).on('error', end);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address() as { port: number };
  return {
    url: `mqtt://127.0.0.1:${address.port}`,
    cut: () => (cut = true),
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((r) => server.close(r));
    },
  };
}

const count = async (metric: string): Promise<{ rows: number; distinct: number }> => {
  const [row] = await db.$queryRawUnsafe<{ rows: bigint; distinct: bigint }[]>(
    "SELECT count(*) AS rows, count(DISTINCT value) AS distinct FROM dcs.reading WHERE device_id = 'ESP01' AND metric = $1",
    metric,
  );
  return { rows: Number(row!.rows), distinct: Number(row!.distinct) };
};

async function publish(metric: string): Promise<void> {
  const sends: Promise<unknown>[] = [];
  for (let i = 1; i <= N; i++)
    sends.push(publisher.publishAsync(`${root}/ESP01/sensors/${metric}`, String(i), { qos: 1 }));
  await Promise.all(sends);
}

beforeAll(async () => {
  database = await createTestDatabase('dcsbridgecrash');
  db = createDb(database.url);
  await seedDcsDemo(db);
  prefix = uniquePrefix('dcsbridgecrash');
  broker = await startMosquitto();
  publisher = await mqtt.connectAsync(broker.url);
  stalled = [bridgeProcess(`${prefix}-stalled`), bridgeProcess(`${prefix}-stalled`)];
  ackLost = [bridgeProcess(`${prefix}-acklost`), bridgeProcess(`${prefix}-acklost`)];
});

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await publisher?.endAsync();
  await broker?.stop();
  const connection = createBullConnection(testRedisUrl());
  await deleteKeys(connection, prefix);
  await connection.quit();
  await db?.$disconnect();
  await database?.drop();
});

describe('MQTT bridge killed with SIGKILL', () => {
  it('stores every reading exactly once after a kill while the database write was stalled', async () => {
    const [a, b] = stalled as [ReturnType<typeof bridgeProcess>, ReturnType<typeof bridgeProcess>];
    await a.start(broker.url);
    // Another session holds the readings table: the bridge's COPY waits.
    const locker = new pg.Client({ connectionString: database.url });
    await locker.connect();
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE dcs.reading IN ACCESS EXCLUSIVE MODE');
    try {
      await publish('DS/temp');
      await waitFor(() => a.stats().received >= N, `bridge A received ${N}`);
      await a.kill();
    } finally {
      await locker.query('ROLLBACK');
      await locker.end();
    }
    await b.start(broker.url);
    await waitFor(
      async () => (await count('DS/temp')).rows >= N && b.stats().pending === 0,
      'every reading stored by bridge B',
      20_000,
    ).catch(() => undefined);
    expect({ bReceived: b.stats().received, ...(await count('DS/temp')) }).toEqual({
      bReceived: N,
      rows: N,
      distinct: N,
    });
    await b.kill();
  }, 90_000);

  it('stores every reading exactly once when the commit went through but its acknowledgements were lost', async () => {
    const [a, b] = ackLost as [ReturnType<typeof bridgeProcess>, ReturnType<typeof bridgeProcess>];
    const link = await relay(broker.url);
    try {
      await a.start(link.url);
      // The bridge still receives, but nothing it sends reaches the broker any more (PUBACKs lost).
      link.cut();
      await publish('BME/temp');
      await waitFor(async () => (await count('BME/temp')).rows >= N, `bridge A stored ${N}`, 15_000);
      await a.kill();
    } finally {
      await link.close();
    }
    // The broker delivers all of them again (DUP) to the next bridge of the session.
    await b.start(broker.url);
    await waitFor(
      () => b.stats().received >= N && b.stats().stored >= N && b.stats().pending === 0,
      'bridge B took the redeliveries',
      20_000,
    );
    expect(await count('BME/temp')).toEqual({ rows: N, distinct: N });
    await b.kill();
  }, 90_000);

  it('a graceful stop while the database write is stalled is bounded, drops nothing, stores nothing twice', async () => {
    const start = async () => {
      let runtime: DcsRuntime | undefined;
      const workers = await startWorkers({
        env: {
          DATABASE_URL: database.url,
          REDIS_URL: testRedisUrl(),
          REDIS_PREFIX: prefix,
          SESSION_TTL_HOURS: 1,
          WORKER_SHUTDOWN_MS: 1_000,
          LOG_LEVEL: 'silent',
        },
        log: createLogger('dcs-bridge-graceful', 'silent'),
        modules: [
          dcsModule(
            {
              databaseUrl: database.url,
              mqttUrl: broker.url,
              root,
              clientId: `${prefix}-graceful`,
              julaboPort: '/nonexistent/julabo',
              pollEveryMs: 3_600_000,
              bridge: { closeTimeoutMs: 500 },
            },
            (r) => (runtime = r),
          ),
        ],
        schedules: [],
      });
      return { workers, bridge: () => runtime!.bridge };
    };
    const first = await start();
    const locker = new pg.Client({ connectionString: database.url });
    await locker.connect();
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE dcs.reading IN ACCESS EXCLUSIVE MODE');
    let closed: boolean;
    try {
      await publish('SCD30/co2');
      await waitFor(() => first.bridge().stats.received >= N, `the bridge received ${N}`);
      // The bridge gives up the stalled batch (not acknowledged) and leaves the broker.
      closed = await Promise.race([
        first
          .bridge()
          .close()
          .then(() => true),
        new Promise<boolean>((r) => setTimeout(() => r(false), 5_000)),
      ]);
    } finally {
      await locker.query('ROLLBACK');
      await locker.end();
    }
    expect(closed).toBe(true);
    // The stalled write commits once the table is free; the broker still has every message.
    await first.workers.stop();
    const second = await start();
    try {
      await waitFor(
        () => second.bridge().stats.stored >= N && second.bridge().stats.pending === 0,
        'the next bridge took the messages again',
        20_000,
      );
      expect(await count('SCD30/co2')).toEqual({ rows: N, distinct: N });
    } finally {
      await second.workers.stop();
    }
  }, 60_000);

  it('holds at most its in-flight window while the database is stalled, then stores everything once', async () => {
    let runtime: DcsRuntime | undefined;
    const workers = await startWorkers({
      env: {
        DATABASE_URL: database.url,
        REDIS_URL: testRedisUrl(),
        REDIS_PREFIX: prefix,
        SESSION_TTL_HOURS: 1,
        WORKER_SHUTDOWN_MS: 1_000,
        LOG_LEVEL: 'silent',
      },
      log: createLogger('dcs-bridge-bounded', 'silent'),
      modules: [
        dcsModule(
          {
            databaseUrl: database.url,
            mqttUrl: broker.url,
            root,
            clientId: `${prefix}-bounded`,
            julaboPort: '/nonexistent/julabo',
            pollEveryMs: 3_600_000,
            bridge: { receiveMaximum: 100, maxBatch: 50 },
          },
          (r) => (runtime = r),
        ),
      ],
      schedules: [],
    });
    const stats = () => runtime!.bridge.stats;
    const locker = new pg.Client({ connectionString: database.url });
    await locker.connect();
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE dcs.reading IN ACCESS EXCLUSIVE MODE');
    let held: number;
    try {
      const sends: Promise<unknown>[] = [];
      for (let i = 1; i <= 2_000; i++)
        sends.push(publisher.publishAsync(`${root}/ESP01/sensors/flood/temp`, String(i), { qos: 1 }));
      // The broker has all 2,000; it may send the bridge only what the bridge has not acknowledged.
      await Promise.all(sends);
      await waitFor(() => stats().received >= 100, 'the window filled');
      // An unbounded bridge would take the other 1,900 within milliseconds: watch for a second.
      await waitFor(() => stats().received > 100, 'more than the window', 1_000).catch(() => undefined);
      held = stats().received;
    } finally {
      await locker.query('ROLLBACK');
      await locker.end();
    }
    try {
      expect(held).toBe(100);
      await waitFor(
        async () => (await count('flood/temp')).rows >= 2_000 && stats().pending === 0,
        'all 2,000 stored',
        30_000,
      );
      expect(await count('flood/temp')).toEqual({ rows: 2_000, distinct: 2_000 });
    } finally {
      await workers.stop();
    }
  }, 60_000);
});
