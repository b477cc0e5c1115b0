// The MQTT bridge's write path against a real broker and database: a poisoned message is
// dead-lettered alone (M1), a failure after the commit does not store a batch twice (M2), dead
// letters and log lines keep no whole payload (M9), the broker URL's password is never logged (M8).
import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
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
const PASSWORD = 'pw-never-in-a-log-7c1e';
const lines: string[] = [];
const log = createLogger(
  'dcs-bridge-ingest-test',
  'info',
  new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  }),
);
let database: TestDatabase;
let db: Db;
let prefix: string;
let broker: Awaited<ReturnType<typeof startMosquitto>>;
let workers: RunningWorkers;
let runtime: DcsRuntime;
let publisher: MqttClient;

const count = async (sql: string, ...params: unknown[]): Promise<number> =>
  Number((await db.$queryRawUnsafe<{ n: bigint }[]>(sql, ...params))[0]!.n);
const readings = (deviceId: string, metric: string) =>
  count('SELECT count(*) AS n FROM dcs.reading WHERE device_id = $1 AND metric = $2', deviceId, metric);

interface Letter {
  topic: string;
  payload: string;
  reason: string;
  payload_bytes: number;
  payload_sha256: string | null;
}
const letters = (topicLike: string) =>
  db.$queryRawUnsafe<Letter[]>(
    'SELECT topic, payload, reason, payload_bytes, payload_sha256 FROM dcs.dead_letter WHERE topic LIKE $1 ORDER BY id',
    topicLike,
  );

beforeAll(async () => {
  database = await createTestDatabase('dcsbridgeingest');
  db = createDb(database.url);
  await seedDcsDemo(db);
  prefix = uniquePrefix('dcsbridgeingest');
  broker = await startMosquitto();
  // The broker takes any credentials: the bridge logs in with a password that must never be logged.
  const url = new URL(broker.url);
  url.username = 'opshub';
  url.password = PASSWORD;
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
          mqttUrl: url.toString(),
          root,
          julaboPort: '/nonexistent/julabo',
          pollEveryMs: 3_600_000,
        },
        (r) => (runtime = r),
      ),
    ],
    schedules: [],
  });
  publisher = await mqtt.connectAsync(broker.url);
});

afterAll(async () => {
  await publisher?.endAsync();
  await workers?.stop();
  await broker?.stop();
  const connection = createBullConnection(testRedisUrl());
  await deleteKeys(connection, prefix);
  await connection.quit();
  await db?.$disconnect();
  await database?.drop();
});

describe('MQTT bridge write path', () => {
  it('dead-letters a long metric and a hex value alone and stores the rest of their batch', async () => {
    const failedBefore = runtime.bridge.stats.failedBatches;
    const longMetric = `${root}/ESP01/sensors/${'m'.repeat(3000)}`;
    const bad: [string, string][] = [
      [longMetric, '21.5'],
      [`${root}/ESP01/sensors/DS/temp`, '0x10'],
      [`${root}/ESP01/sensors/DS/temp`, '0b101'],
      [`${root}/ESP01/sensors/DS/temp`, '1e400'],
      [`${root}/ESP01/sensors/DS/temp`, 'Infinity'],
      [`${root}/ESP01/sensors/BME/te mp`, '21.5'],
    ];
    // One burst: the bad messages travel in the same batch as 200 good ones.
    const sends: Promise<unknown>[] = [];
    for (let i = 0; i < 200; i++) {
      sends.push(
        publisher.publishAsync(`${root}/ESP01/sensors/DS/temp`, (20 + i / 100).toFixed(2), { qos: 1 }),
      );
      if (i % 30 === 0 && bad.length > 0) {
        const [topic, payload] = bad.shift()!;
        sends.push(publisher.publishAsync(topic, payload, { qos: 1 }));
      }
    }
    await Promise.all(sends);
    await waitFor(async () => (await readings('ESP01', 'DS/temp')) >= 200, '200 good readings', 15_000);
    await waitFor(async () => (await letters(`${root}/ESP01/%`)).length >= 6, 'six dead letters');
    // Nothing else slipped in: no hex or binary decoded as 16 or 5, no long metric.
    expect(await readings('ESP01', 'DS/temp')).toBe(200);
    expect(await count('SELECT count(*) AS n FROM dcs.reading WHERE length(metric) > 64')).toBe(0);
    const byPayload = Object.fromEntries((await letters(`${root}/ESP01/%`)).map((l) => [l.payload, l]));
    expect(byPayload['0x10']!.reason).toBe('sensor value is not a number: "0x10"');
    expect(byPayload['0b101']!.reason).toBe('sensor value is not a number: "0b101"');
    expect(byPayload['1e400']!.reason).toBe('sensor value is not a number: "1e400"');
    expect(byPayload['Infinity']!.reason).toBe('sensor value is not a number: "Infinity"');
    const long = (await letters(`${root}/ESP01/sensors/mmm%`))[0]!;
    expect(long.reason).toMatch(/^metric name too long \(3000 > 128\)/);
    const space = (await letters(`${root}/ESP01/sensors/BME/te mp`))[0]!;
    expect(space.reason).toMatch(/^metric name is not \[A-Za-z0-9_.-\]\{1,64\} per segment/);
    // The parser caught them: no batch failed, none was retried or quarantined.
    expect(runtime.bridge.stats.failedBatches).toBe(failedBefore);
  });

  it('does not store a batch twice when a step after its commit fails', async () => {
    const devices = runtime.services.devices;
    const report = devices.report.bind(devices);
    let failures = 0;
    // The database connection drops while device states are written, once.
    devices.report = async (reports) => {
      if (failures++ === 0) throw new Error('Connection terminated unexpectedly');
      return report(reports);
    };
    try {
      const sends: Promise<unknown>[] = [];
      for (let i = 0; i < 100; i++)
        sends.push(publisher.publishAsync(`${root}/ESP02/sensors/SCD30/co2`, String(500 + i), { qos: 1 }));
      await Promise.all(sends);
      await waitFor(
        async () =>
          failures > 0 && runtime.bridge.stats.pending === 0 && (await readings('ESP02', 'SCD30/co2')) >= 100,
        'the batch stored and the bridge idle',
        15_000,
      );
      expect(await readings('ESP02', 'SCD30/co2')).toBe(100);
      expect(
        await count(
          "SELECT count(DISTINCT value) AS n FROM dcs.reading WHERE device_id = 'ESP02' AND metric = 'SCD30/co2'",
        ),
      ).toBe(100);
    } finally {
      devices.report = report;
    }
  });

  it('keeps 4 kB of a huge payload with its size and SHA-256, and logs no payload or broker password', async () => {
    const payload = Buffer.from('Z'.repeat(256 * 1024));
    await publisher.publishAsync(`${root}/ESP03/sensors/BME/humi`, payload, { qos: 1 });
    const letter = (await waitFor(
      async () => (await letters(`${root}/ESP03/sensors/BME/humi`))[0],
      'the letter',
    ))!;
    expect(letter.payload).toBe('Z'.repeat(4096));
    expect(letter.payload_bytes).toBe(256 * 1024);
    expect(letter.payload_sha256).toBe(createHash('sha256').update(payload).digest('hex'));
    const logged = lines.join('');
    expect(logged).toContain('messages dead-lettered');
    expect(logged).not.toContain('Z'.repeat(100));
    expect(logged).toContain('mqtt bridge connected');
    expect(logged).toContain(new URL(broker.url).host);
    expect(logged).not.toContain(PASSWORD);
  });
});
