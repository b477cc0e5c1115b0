import { createLogger } from '@opshub/config';
import { createDb, type Db } from '@opshub/db';
import { EventBus } from '@opshub/events';
import type { SubgraphContext } from '@opshub/subgraph-kit';
import { createTestDatabase, testRedisUrl, uniquePrefix, type TestDatabase } from '@opshub/testing';
import { parse, subscribe, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorkflowSchema } from '../src/schema.js';
import { createWorkflowServices } from '../src/services.js';

const viewer = { id: '00000000-0000-4000-8000-000000000002', username: 'vera', roles: ['VIEWER' as const] };
const admin = { id: '00000000-0000-4000-8000-000000000001', username: 'alma', roles: ['ADMIN' as const] };
const log = createLogger('test', 'silent');
let database: TestDatabase;
let db: Db;
let events: EventBus;
let schema: GraphQLSchema;

beforeAll(async () => {
  database = await createTestDatabase('workflow-resume');
  db = createDb(database.url);
  events = await EventBus.connect(testRedisUrl(), uniquePrefix('wf-resume'));
  const services = createWorkflowServices(db, events, log);
  await services.ous.create('2019.1.00001.S', 'uid://A001/X1/X1', admin);
  schema = (await buildWorkflowSchema(services)).schema;
});

afterAll(async () => {
  await events?.close();
  await db?.$disconnect();
  await database?.drop();
});

/** Subscribes as a VIEWER through the subgraph's schema; returns the first result (or the refusal). */
async function firstOf(query: string): Promise<ExecutionResult> {
  const contextValue: SubgraphContext = { user: viewer, requestId: 'resume-test', log };
  const result = await subscribe({ schema, document: parse(query), contextValue });
  if (!(Symbol.asyncIterator in result)) return result;
  const first = await result.next();
  await result.return?.();
  return first.value as ExecutionResult;
}

describe('ousStateChanged(after:) through the workflow subgraph', () => {
  it('answers RESUME_TOO_OLD for a resume point older than the replay window (after: "0-0")', async () => {
    const result = await firstOf('subscription { ousStateChanged(after: "0-0") { eventId ous { id } } }');
    expect(result.errors?.map((e) => ({ code: e.extensions['code'], message: e.message }))).toEqual([
      { code: 'RESUME_TOO_OLD', message: expect.stringMatching(/refetch/) },
    ]);
  });

  it('replays a recent resume point', async () => {
    const recent = `${Date.now() - 60_000}-0`;
    const result = await firstOf(`subscription { ousStateChanged(after: "${recent}") { ous { id } } }`);
    expect(result).toMatchObject({ data: { ousStateChanged: { ous: { id: 'uid://A001/X1/X1' } } } });
  });
});
