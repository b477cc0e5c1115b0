import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLogger } from '@opshub/config';
import { createDb, type Db } from '@opshub/db';
import { EventBus } from '@opshub/events';
import { createTestDatabase, testRedisUrl, uniquePrefix, type TestDatabase } from '@opshub/testing';
import { graphql, type GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Executive } from '../src/ous/ous-state.js';
import { buildWorkflowSchema } from '../src/schema.js';
import { createWorkflowServices, type WorkflowServices } from '../src/services.js';

// ObsUnitSet.availableActions and obsUnitSetCounts through the subgraph's schema, on a real database:
// what the API says is allowed is exactly what its mutations accept.

const log = createLogger('test', 'silent');
type RoleName = 'VIEWER' | 'OPERATOR' | 'ADMIN';
const user = (role: RoleName) => ({
  id: `00000000-0000-4000-8000-00000000000${role.length}`,
  username: role.toLowerCase(),
  roles: [role],
});
let database: TestDatabase;
let db: Db;
let events: EventBus;
let dir: string;
let services: WorkflowServices;
let schema: GraphQLSchema;

beforeAll(async () => {
  database = await createTestDatabase('wfactions');
  db = createDb(database.url);
  events = await EventBus.connect(testRedisUrl(), uniquePrefix('wfa'));
  dir = await mkdtemp(path.join(tmpdir(), 'opshub-wfa-'));
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

async function exec<T>(role: RoleName, source: string, variables: Record<string, unknown> = {}) {
  const result = await graphql({
    schema,
    source,
    variableValues: variables,
    contextValue: { user: user(role), requestId: 't', log },
  });
  return result as {
    data?: T | null;
    errors?: readonly { message: string; extensions?: Record<string, unknown> }[];
  };
}

interface View {
  action: string;
  allowed: boolean;
  reason: string | null;
  blockedBy: string | null;
}

async function actions(id: string, role: RoleName): Promise<View[]> {
  const r = await exec<{ obsUnitSet: { availableActions: View[] } }>(
    role,
    'query ($id: ID!) { obsUnitSet(id: $id) { availableActions { action allowed reason blockedBy } } }',
    { id },
  );
  expect(r.errors).toBeUndefined();
  return r.data!.obsUnitSet.availableActions;
}

const allowed = (views: View[]) => views.filter((v) => v.allowed).map((v) => v.action);

/** Each action's mutation, with arguments that pass its input validation. */
const MUTATION: Record<string, string> = {
  ASSIGN_EXECUTIVE: 'assignExecutive(ousId: $id, executive: EU)',
  START_REVIEW: 'startReview(ousId: $id)',
  CANCEL_REVIEW: 'cancelReview(ousId: $id)',
  SUBMIT_QA2: 'submitQa2(ousId: $id, score: PASS)',
  REQUEUE: 'requeue(ousId: $id)',
  REPORT_QA3_ISSUE: 'reportQa3Issue(ousId: $id, note: "n")',
  RESOLVE_QA3: 'resolveQa3(ousId: $id)',
  RESET: 'resetObsUnitSet(ousId: $id)',
};

/**
 * Every refused action's mutation is refused (nothing moves): FORBIDDEN where the role falls short
 * (the role is checked before the state machine), INVALID_TRANSITION otherwise.
 */
async function expectRefusalsHold(id: string, role: RoleName): Promise<void> {
  for (const view of await actions(id, role)) {
    if (view.allowed) continue;
    const r = await exec(role, `mutation ($id: ID!) { ${MUTATION[view.action]} { state } }`, { id });
    const mayRole = role === 'ADMIN' || (role === 'OPERATOR' && view.action !== 'RESET');
    if (view.blockedBy === 'ROLE') expect(mayRole, view.action).toBe(false);
    const code = mayRole ? 'INVALID_TRANSITION' : 'FORBIDDEN';
    expect(r.errors?.[0]?.extensions?.['code'], `${view.action} as ${role}`).toBe(code);
  }
}

describe('ObsUnitSet.availableActions', () => {
  it('follows an OUS through review: the allowed action is accepted, every other one refused', async () => {
    const id = 'uid://R1/R1/R1';
    await services.ous.create('2019.1.00001.S', id, user('ADMIN'));
    expect(allowed(await actions(id, 'OPERATOR'))).toEqual([]);
    await services.ous.apply(
      id,
      { kind: 'assignRecipe', recipe: 'PipelineImaging' },
      { system: 'batch-helper' },
    );

    expect(allowed(await actions(id, 'VIEWER'))).toEqual([]);
    const forViewer = (await actions(id, 'VIEWER')).find((v) => v.action === 'ASSIGN_EXECUTIVE');
    expect(forViewer).toEqual({
      action: 'ASSIGN_EXECUTIVE',
      allowed: false,
      reason: 'needs the OPERATOR role',
      blockedBy: 'ROLE',
    });
    expect(allowed(await actions(id, 'OPERATOR'))).toEqual(['ASSIGN_EXECUTIVE']);
    expect(allowed(await actions(id, 'ADMIN'))).toEqual(['ASSIGN_EXECUTIVE', 'RESET']);
    for (const role of ['VIEWER', 'OPERATOR'] as const) await expectRefusalsHold(id, role);

    const assigned = await exec<{ assignExecutive: { state: string } }>(
      'OPERATOR',
      `mutation ($id: ID!) { ${MUTATION['ASSIGN_EXECUTIVE']} { state } }`,
      { id },
    );
    expect(assigned.data?.assignExecutive.state).toBe('PROCESSING');
    expect(allowed(await actions(id, 'ADMIN'))).toEqual([]);

    // Processed without a report (the pipeline's report is what QA2 reviews): a guard, not the state.
    await services.ous.apply(id, { kind: 'pipelineSucceeded' }, { system: 'pipeline-driver' });
    const review = (await actions(id, 'OPERATOR')).find((v) => v.action === 'START_REVIEW');
    expect(review).toMatchObject({ allowed: false, blockedBy: 'GUARD' });
    expect(review?.reason).toMatch(/no pipeline report/);
    await expectRefusalsHold(id, 'OPERATOR');
  });

  it('allows the review once the pipeline wrote its report, and QA2 after it', async () => {
    const id = 'uid://R2/R2/R2';
    await services.ous.create('2019.1.00001.S', id, user('ADMIN'));
    await services.recipes.assign(id);
    await services.ous.apply(id, { kind: 'assignExecutive', executive: Executive.NA }, user('OPERATOR'));
    await services.pipeline.run(id, Executive.NA, { queue: 'workflow-pipeline-na', jobId: 'job-1' });
    expect(allowed(await actions(id, 'OPERATOR'))).toEqual(['START_REVIEW']);
    await exec('OPERATOR', `mutation ($id: ID!) { ${MUTATION['START_REVIEW']} { state } }`, { id });
    expect(allowed(await actions(id, 'OPERATOR'))).toEqual(['CANCEL_REVIEW', 'SUBMIT_QA2']);
    await expectRefusalsHold(id, 'OPERATOR');
  });
});

describe('obsUnitSetCounts', () => {
  it('counts every state, zeros included, with the programme and executive filters', async () => {
    await services.ous.create('2020.1.00002.S', 'uid://C1/C1/C1', user('ADMIN'));
    await services.ous.create('2020.1.00002.S', 'uid://C1/C1/C2', user('ADMIN'));
    await services.ous.create('2020.1.00002.S', 'uid://C1/C1/C3', user('ADMIN'));
    await services.ous.apply(
      'uid://C1/C1/C3',
      { kind: 'assignRecipe', recipe: 'PipelineImaging' },
      { system: 'b' },
    );
    await services.ous.apply(
      'uid://C1/C1/C3',
      { kind: 'assignExecutive', executive: Executive.EA },
      user('ADMIN'),
    );

    type Counts = { obsUnitSetCounts: { state: string; count: number }[] };
    const q =
      'query ($p: String, $e: Executive) { obsUnitSetCounts(programId: $p, executive: $e) { state count } }';
    const counts = await exec<Counts>('VIEWER', q, { p: '2020.1.00002.S' });
    expect(counts.errors).toBeUndefined();
    expect(counts.data!.obsUnitSetCounts).toHaveLength(10);
    expect(Object.fromEntries(counts.data!.obsUnitSetCounts.map((c) => [c.state, c.count]))).toMatchObject({
      FULLY_OBSERVED: 0,
      READY_FOR_PROCESSING: 2,
      PROCESSING: 1,
      DELIVERED: 0,
    });
    const ea = await exec<Counts>('VIEWER', q, { p: '2020.1.00002.S', e: 'EA' });
    expect(ea.data!.obsUnitSetCounts.filter((c) => c.count > 0)).toEqual([{ state: 'PROCESSING', count: 1 }]);

    // The same figures as obsUnitSets' totalCount, state by state, over the whole table.
    const all = await exec<Counts>('VIEWER', q);
    for (const { state, count } of all.data!.obsUnitSetCounts) {
      const page = await exec<{ obsUnitSets: { totalCount: number } }>(
        'VIEWER',
        `{ obsUnitSets(state: ${state}, first: 1) { totalCount } }`,
      );
      expect(page.data!.obsUnitSets.totalCount, state).toBe(count);
    }
  });
});
