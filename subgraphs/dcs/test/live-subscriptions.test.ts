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
  services = createDcsServices(db, { databaseUrl: database.url, events });
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
