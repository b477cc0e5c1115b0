// ousStateChanged filters on the server: a page following one OUS or one programme gets only those events.
import { createLogger } from '@opshub/config';
import { createDb, type Db } from '@opshub/db';
import { EventBus } from '@opshub/events';
import type { SubgraphContext } from '@opshub/subgraph-kit';
import { createTestDatabase, testRedisUrl, uniquePrefix, type TestDatabase } from '@opshub/testing';
import { parse, subscribe, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorkflowSchema } from '../src/schema.js';
import { createWorkflowServices, type WorkflowServices } from '../src/services.js';

const viewer = { id: '00000000-0000-4000-8000-000000000002', username: 'vera', roles: ['VIEWER' as const] };
const admin = { id: '00000000-0000-4000-8000-000000000001', username: 'alma', roles: ['ADMIN' as const] };
const log = createLogger('test', 'silent');
let database: TestDatabase;
let db: Db;
let events: EventBus;
let services: WorkflowServices;
let schema: GraphQLSchema;

beforeAll(async () => {
  database = await createTestDatabase('workflow-filters');
  db = createDb(database.url);
  events = await EventBus.connect(testRedisUrl(), uniquePrefix('wf-filters'));
  services = createWorkflowServices(db, events, log);
  schema = (await buildWorkflowSchema(services)).schema;
});

afterAll(async () => {
  await events?.close();
  await db?.$disconnect();
  await database?.drop();
});

type Stream = AsyncIterableIterator<ExecutionResult>;

async function open(
  query: string,
  user: SubgraphContext['user'] | null = viewer,
): Promise<Stream | ExecutionResult> {
  const contextValue: SubgraphContext = { ...(user ? { user } : {}), requestId: 'filters-test', log };
  return (await subscribe({ schema, document: parse(query), contextValue })) as Stream | ExecutionResult;
}

async function nextOus(stream: Stream | ExecutionResult): Promise<string> {
  if (!(Symbol.asyncIterator in stream)) throw new Error(`refused: ${JSON.stringify(stream.errors)}`);
  const { value } = await stream.next();
  return (value as { data: { ousStateChanged: { ous: { id: string } } } }).data.ousStateChanged.ous.id;
}

describe('ousStateChanged filters', () => {
  it('ousId: only that OUS', async () => {
    const stream = await open('subscription { ousStateChanged(ousId: "uid://A001/X2/X2") { ous { id } } }');
    await services.ous.create('2019.1.00001.S', 'uid://A001/X2/X1', admin);
    await services.ous.create('2019.1.00001.S', 'uid://A001/X2/X2', admin);
    expect(await nextOus(stream)).toBe('uid://A001/X2/X2');
    await (stream as Stream).return?.();
  });

  it('programId: only OUSs of that programme', async () => {
    const stream = await open('subscription { ousStateChanged(programId: "2019.1.00077.S") { ous { id } } }');
    await services.ous.create('2019.1.00001.S', 'uid://A001/X3/X1', admin);
    await services.ous.create('2019.1.00077.S', 'uid://A001/X3/X2', admin);
    expect(await nextOus(stream)).toBe('uid://A001/X3/X2');
    await (stream as Stream).return?.();
  });

  it('without arguments: every transition', async () => {
    const stream = await open('subscription { ousStateChanged { ous { id } } }');
    await services.ous.create('2019.1.00001.S', 'uid://A001/X4/X1', admin);
    expect(await nextOus(stream)).toBe('uid://A001/X4/X1');
    await (stream as Stream).return?.();
  });

  it('refuses an anonymous caller before subscribing', async () => {
    const refused = (await open('subscription { ousStateChanged { ous { id } } }', null)) as ExecutionResult;
    expect(refused.errors?.map((e) => e.extensions['code'])).toEqual(['UNAUTHENTICATED']);
  });
});
