// What one live subscription delivers event after event: current data per event, the server's filters, batches.
import { createLogger } from '@opshub/config';
import { createDb, type Db } from '@opshub/db';
import { EventBus } from '@opshub/events';
import type { SubgraphContext } from '@opshub/subgraph-kit';
import { createTestDatabase, testRedisUrl, uniquePrefix, type TestDatabase } from '@opshub/testing';
import { parse, subscribe, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDcsSchema, createDcsServices, seedDcsDemo, type DcsServices } from '../src/index.js';

const viewer = { id: '00000000-0000-4000-8000-000000000003', username: 'vic', roles: ['VIEWER' as const] };
const log = createLogger('test', 'silent');
let database: TestDatabase;
let db: Db;
let events: EventBus;
let services: DcsServices;
let schema: GraphQLSchema;

beforeAll(async () => {
  database = await createTestDatabase('dcs-live');
  db = createDb(database.url, { max: 4 });
  await seedDcsDemo(db);
  events = await EventBus.connect(testRedisUrl(), uniquePrefix('dcs-live'));
  services = createDcsServices(db, { databaseUrl: database.url, events, log });
  schema = (await buildDcsSchema(services)).schema;
});

afterAll(async () => {
  await services?.close();
  await events?.close();
  await db?.$disconnect();
  await database?.drop();
});

type Stream = AsyncIterableIterator<ExecutionResult>;

/** Subscribes as a VIEWER through the dcs schema; the stream is live once this resolved. */
async function open(query: string): Promise<Stream> {
  const contextValue: SubgraphContext = { user: viewer, requestId: 'dcs-live-test', log };
  const result = await subscribe({ schema, document: parse(query), contextValue });
  if (!(Symbol.asyncIterator in result)) throw new Error(`refused: ${JSON.stringify(result.errors)}`);
  return result;
}

/** The data of the stream's next event. */
async function next<T>(stream: Stream): Promise<T> {
  const { value, done } = await stream.next();
  if (done) throw new Error('the subscription ended');
  if (value.errors) throw new Error(JSON.stringify(value.errors));
  return JSON.parse(JSON.stringify(value.data)) as T;
}

const at = (s: number) => new Date(Date.parse('2026-12-02T10:00:00Z') + s * 1000);

describe('deviceStateChanged', () => {
  it('selects the CURRENT latest readings of the device on every event of one subscription', async () => {
    type Event = { deviceStateChanged: { state: string; latest: { metric: string; value: number }[] } };
    const stream = await open(
      'subscription { deviceStateChanged(deviceId: "julabo") { state latest { metric value } } }',
    );
    const temperature = (e: Event) =>
      e.deviceStateChanged.latest.find((r) => r.metric === 'temperature')?.value;

    await services.readings.ingest([{ deviceId: 'julabo', metric: 'temperature', value: 11, at: at(1) }]);
    await services.devices.report([{ id: 'julabo', state: 'RUNNING', seenAt: at(1) }]);
    const first = await next<Event>(stream);
    expect([first.deviceStateChanged.state, temperature(first)]).toEqual(['RUNNING', 11]);

    await services.readings.ingest([{ deviceId: 'julabo', metric: 'temperature', value: 22, at: at(2) }]);
    await services.devices.report([{ id: 'julabo', state: 'STOPPED', seenAt: at(2) }]);
    const second = await next<Event>(stream);
    expect([second.deviceStateChanged.state, temperature(second)]).toEqual(['STOPPED', 22]);
    await stream.return?.();
  });
});

describe('readingsAdded', () => {
  type Rows = { readingsAdded: { deviceId: string; metric: string; value: number; eventId: string }[] };

  it('delivers N readings ingested in one batch as one event with N rows', async () => {
    const stream = await open('subscription { readingsAdded { deviceId metric value eventId } }');
    const rows = Array.from({ length: 120 }, (_, i) => ({
      deviceId: i % 2 ? 'julabo' : 'ESP01',
      metric: 'temperature',
      value: i,
      at: at(100 + i / 1000),
    }));
    await services.readings.ingest(rows);
    await services.readings.ingest([{ deviceId: 'julabo', metric: 'temperature', value: 999, at: at(101) }]);
    const first = await next<Rows>(stream);
    expect(first.readingsAdded.map((r) => r.value)).toEqual(rows.map((r) => r.value));
    expect(new Set(first.readingsAdded.map((r) => r.eventId)).size).toBe(1);
    const second = await next<Rows>(stream);
    expect(second.readingsAdded.map((r) => r.value)).toEqual([999]);
    await stream.return?.();
  });

  it('keeps only the rows of the device and metric asked for, and skips a batch with none', async () => {
    const stream = await open(
      'subscription { readingsAdded(deviceId: "ESP02", metric: "BME/dew") { deviceId metric value } }',
    );
    await services.readings.ingest([{ deviceId: 'julabo', metric: 'temperature', value: 1, at: at(200) }]);
    await services.readings.ingest([
      { deviceId: 'ESP02', metric: 'BME/dew', value: 2, at: at(201) },
      { deviceId: 'ESP02', metric: 'BME/temp', value: 3, at: at(201) },
      { deviceId: 'ESP03', metric: 'BME/dew', value: 4, at: at(201) },
      { deviceId: 'ESP02', metric: 'BME/dew', value: 5, at: at(202) },
    ]);
    expect((await next<Rows>(stream)).readingsAdded).toEqual([
      { deviceId: 'ESP02', metric: 'BME/dew', value: 2 },
      { deviceId: 'ESP02', metric: 'BME/dew', value: 5 },
    ]);
    await stream.return?.();
  });
});

describe('the other subscriptions filter on the server', () => {
  it('readingAdded(deviceId, metric): one event per matching reading only', async () => {
    type One = { readingAdded: { deviceId: string; metric: string; value: number } };
    const stream = await open(
      'subscription { readingAdded(deviceId: "ESP03", metric: "BME/humi") { deviceId metric value } }',
    );
    await services.readings.ingest([
      { deviceId: 'ESP03', metric: 'BME/temp', value: 1, at: at(300) },
      { deviceId: 'ESP01', metric: 'BME/humi', value: 2, at: at(300) },
      { deviceId: 'ESP03', metric: 'BME/humi', value: 3, at: at(300) },
      { deviceId: 'ESP03', metric: 'BME/humi', value: 4, at: at(301) },
    ]);
    expect((await next<One>(stream)).readingAdded.value).toBe(3);
    expect((await next<One>(stream)).readingAdded.value).toBe(4);
    await stream.return?.();
  });

  it('deviceStateChanged(deviceId): changes of other devices do not arrive', async () => {
    const stream = await open('subscription { deviceStateChanged(deviceId: "ESP02") { id state } }');
    await services.devices.report([{ id: 'ESP01', state: 'ERROR', seenAt: at(500) }]);
    await services.devices.report([{ id: 'ESP02', state: 'ERROR', seenAt: at(501) }]);
    expect(await next(stream)).toEqual({ deviceStateChanged: { id: 'ESP02', state: 'ERROR' } });
    await stream.return?.();
  });

  it("alarmRaised(deviceId): only that device's alarms", async () => {
    type Raised = { alarmRaised: { deviceId: string | null; rule: string } };
    const humid = (topic: string, value: number, s: number) => ({
      topic,
      payload: Buffer.from(String(value)),
      receivedAt: at(s),
    });
    const stream = await open('subscription { alarmRaised(deviceId: "ESP03") { deviceId rule } }');
    await services.ingest.ingest('', [humid('ESP01/sensors/BME/humi', 70, 400)]);
    await services.ingest.ingest('', [humid('ESP03/sensors/BME/humi', 71, 401)]);
    expect((await next<Raised>(stream)).alarmRaised.deviceId).toBe('ESP03');
    await stream.return?.();
  });
});
