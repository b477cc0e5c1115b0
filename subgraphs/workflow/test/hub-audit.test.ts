// Issue 12 item 3: an OUS transition a user makes leaves one entry in the hub's audit log
// (ops.audit_entry, what the audit page reads): who, which OUS, from, to and the action, under the
// request id of the call; the pipeline's own moves (a system actor) and refused moves leave none.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLogger } from '@opshub/config';
import { createDb, type Db } from '@opshub/db';
import { EventBus } from '@opshub/events';
import { runWithRequestId } from '@opshub/jobs';
import { createTestDatabase, testRedisUrl, uniquePrefix, type TestDatabase } from '@opshub/testing';
import { graphql, type GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorkflowSchema } from '../src/schema.js';
import { createWorkflowServices, type WorkflowServices } from '../src/services.js';

const log = createLogger('test', 'silent');
const ADMIN_ID = '00000000-0000-4000-8000-00000000000a';
const OPERATOR_ID = '00000000-0000-4000-8000-00000000000b';
const users = {
  ADMIN: { id: ADMIN_ID, username: 'admin', roles: ['ADMIN'] },
  OPERATOR: { id: OPERATOR_ID, username: 'operator', roles: ['OPERATOR'] },
  VIEWER: { id: '00000000-0000-4000-8000-00000000000c', username: 'viewer', roles: ['VIEWER'] },
};
let database: TestDatabase;
let db: Db;
let events: EventBus;
let dir: string;
let services: WorkflowServices;
let schema: GraphQLSchema;

beforeAll(async () => {
  database = await createTestDatabase('wfhubaudit');
  db = createDb(database.url);
  events = await EventBus.connect(testRedisUrl(), uniquePrefix('wfhubaudit'));
  dir = await mkdtemp(path.join(tmpdir(), 'opshub-wfhubaudit-'));
  services = createWorkflowServices(db, events, log, {
    seed: 'opshub-1',
    store: { productRoot: path.join(dir, 'products'), archiveRoot: path.join(dir, 'archive') },
    pipeline: { durationMs: 0, failureRate: 0 },
  });
  schema = (await buildWorkflowSchema(services)).schema;
});

afterAll(async () => {
  await events?.close();
  await db?.$disconnect();
  await database?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** A call as the subgraph kit runs it: the gateway's request id held for everything the call does. */
function exec(role: keyof typeof users, source: string, requestId: string) {
  return runWithRequestId(requestId, () =>
    graphql({ schema, source, contextValue: { user: users[role], requestId, log } }),
  ) as Promise<{
    data?: Record<string, { state: string }> | null;
    errors?: readonly { extensions?: { code?: unknown } }[];
  }>;
}

const entries = () =>
  db.auditEntry.findMany({
    where: { kind: 'workflow.transition' },
    orderBy: { id: 'asc' },
    select: { actorId: true, kind: true, target: true, detail: true, requestId: true },
  });

describe('OUS transitions in the hub audit log', () => {
  it("records a user's transitions, not the pipeline's, each once with who, from, to and the action", async () => {
    const id = 'uid://A1/A1/A1';
    const created = await exec(
      'ADMIN',
      `mutation { createObsUnitSet(programId: "2019.1.00001.S", id: "${id}") { state } }`,
      'req-create',
    );
    expect(created.errors).toBeUndefined();
    // The batch helper (a system actor) assigns the recipe: in the OUS history only.
    await services.ous.apply(
      id,
      { kind: 'assignRecipe', recipe: 'PipelineImaging' },
      { system: 'batch-helper' },
    );
    const assigned = await exec(
      'OPERATOR',
      `mutation { assignExecutive(ousId: "${id}", executive: EU) { state } }`,
      'req-assign',
    );
    expect(assigned.data?.['assignExecutive']?.state).toBe('PROCESSING');

    expect(await entries()).toEqual([
      {
        actorId: ADMIN_ID,
        kind: 'workflow.transition',
        target: `ous/${id}`,
        detail: {
          from: null,
          to: 'READY_FOR_PROCESSING',
          action: 'create',
          substate: null,
          reason: 'created',
        },
        requestId: 'req-create',
      },
      {
        actorId: OPERATOR_ID,
        kind: 'workflow.transition',
        target: `ous/${id}`,
        detail: {
          from: 'READY_FOR_PROCESSING',
          to: 'PROCESSING',
          action: 'assignExecutive',
          substate: 'PipelineImaging',
          reason: null,
        },
        requestId: 'req-assign',
      },
    ]);
    // The history holds all three moves; the audit log only the two a user made.
    expect(await db.ousTransition.count({ where: { ousId: id } })).toBe(3);
  });

  it('records nothing for a refused move: the wrong role, or a move the state machine refuses', async () => {
    const before = (await entries()).length;
    const id = 'uid://A1/A1/A1';
    const viewer = await exec('VIEWER', `mutation { startReview(ousId: "${id}") { state } }`, 'req-viewer');
    expect(viewer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const early = await exec('OPERATOR', `mutation { startReview(ousId: "${id}") { state } }`, 'req-early');
    expect(early.errors?.[0]?.extensions?.code).toBe('INVALID_TRANSITION');
    expect(await entries()).toHaveLength(before);
  });
});
