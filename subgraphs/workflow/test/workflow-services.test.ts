import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLogger } from '@opshub/config';
import { createDb, type Db } from '@opshub/db';
import { EventBus } from '@opshub/events';
import type { JobName } from '@opshub/jobs';
import { createTestDatabase, testRedisUrl, uniquePrefix, type TestDatabase } from '@opshub/testing';
import { graphql, parse, subscribe, type GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PROGRAM, demoSettings, WorkflowDemo } from '../src/demo/workflow-demo.js';
import { seedWorkflowDemo } from '../src/demo/workflow-seed.js';
import type { WorkflowJobs } from '../src/jobs/workflow-jobs.js';
import { Executive, OusState } from '../src/ous/ous-state.js';
import { buildWorkflowSchema } from '../src/schema.js';
import { createWorkflowServices, type WorkflowServices } from '../src/services.js';

const log = createLogger('test', 'silent');
const operator = { id: '00000000-0000-4000-8000-000000000002', username: 'op', roles: ['OPERATOR' as const] };
let database: TestDatabase;
let db: Db;
let events: EventBus;
let dir: string;
let services: WorkflowServices;
let schema: GraphQLSchema;
const enqueued: { job: JobName; payload: unknown; jobId: string }[] = [];
const recording: WorkflowJobs = {
  enqueue: async (job, payload, jobId) => void enqueued.push({ job, payload, jobId }),
};

beforeAll(async () => {
  database = await createTestDatabase('wfservices');
  db = createDb(database.url);
  events = await EventBus.connect(testRedisUrl(), uniquePrefix('wfs'));
  dir = await mkdtemp(path.join(tmpdir(), 'opshub-wfs-'));
  services = createWorkflowServices(db, events, log, {
    jobs: recording,
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

async function toReadyForReview(id: string, processed: boolean): Promise<void> {
  await services.ous.create('2019.1.00001.S', id, operator);
  await services.recipes.assign(id);
  await services.ous.apply(id, { kind: 'assignExecutive', executive: Executive.NA }, operator);
  if (processed)
    await services.pipeline.run(id, Executive.NA, { queue: 'workflow-pipeline-na', jobId: 'job-1' });
  else await services.ous.apply(id, { kind: 'pipelineSucceeded' }, { system: 'pipeline-driver' });
}

describe('workflow services', () => {
  it('enqueues the next system actor after each move, with ids that make repeats no-ops', async () => {
    enqueued.length = 0;
    const id = 'uid://F1/F1/F1';
    await services.ous.create('2019.1.00001.S', id, operator);
    expect(enqueued.at(-1)).toEqual({
      job: 'assign-recipe',
      payload: { ousId: id },
      jobId: 'assign-recipe.uid___F1_F1_F1.v0',
    });
    const { recipe } = (await services.recipes.assign(id)) as { recipe: string };
    expect(recipe).toMatch(/^Pipeline/);
    expect(enqueued).toHaveLength(1); // a recipe leaves the next step to the DRA
    await services.ous.apply(id, { kind: 'assignExecutive', executive: Executive.EA }, operator);
    expect(enqueued.at(-1)).toMatchObject({
      job: 'run-pipeline-ea',
      payload: { ousId: id, executive: 'EA' },
    });
    await services.pipeline.run(id, Executive.EA, { queue: 'workflow-pipeline-ea', jobId: 'j1' });
    expect(enqueued.at(-1)).toMatchObject({ job: 'replicate-products', payload: { ousId: id } });
    await services.ous.apply(id, { kind: 'startReview' }, operator);
    await services.ous.apply(id, { kind: 'qa2', score: 'PASS' }, operator);
    expect(enqueued.at(-1)).toMatchObject({ job: 'ingest-products', payload: { ousId: id } });

    // The reconciler asks again for the same job (same id) for an OUS that has not moved.
    const before = enqueued.at(-1)!;
    expect(await services.ous.reconcile(0)).toBeGreaterThanOrEqual(1);
    expect(enqueued.filter((e) => e.jobId === before.jobId)).toHaveLength(2);
  });

  it('refuses startReview while the latest run has no pipeline report, naming why', async () => {
    await toReadyForReview('uid://G1/G1/G1', false);
    await expect(
      services.ous.apply('uid://G1/G1/G1', { kind: 'startReview' }, operator),
    ).rejects.toMatchObject({
      message: expect.stringMatching(/no pipeline report/),
      extensions: { code: 'INVALID_TRANSITION', state: OusState.READY_FOR_REVIEW, attempted: 'startReview' },
    });
    const result = await graphql({
      schema,
      source: 'mutation { startReview(ousId: "uid://G1/G1/G1") { state } }',
      contextValue: { user: operator, requestId: 't', log },
    });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_TRANSITION' });
  });

  it('serves a run, its parsed report and its products through the API', async () => {
    await toReadyForReview('uid://H1/H1/H1', true);
    const result = await graphql({
      schema,
      source: `{ obsUnitSet(id: "uid://H1/H1/H1") { state
        pipelineRuns { run executive status exitCode job { queue id } }
        pipelineReports { run finalScore scores { dataset flagging calibration imaging } weblog { kind path } }
        products(run: 1) { fileName kind site sha256 }
        deliveryStatus { complete }
        history { to systemActor reason } } }`,
      contextValue: { user: operator, requestId: 't', log },
    });
    expect(result.errors).toBeUndefined();
    const ous = (result.data as { obsUnitSet: unknown }).obsUnitSet as {
      state: string;
      pipelineRuns: unknown[];
      pipelineReports: {
        finalScore: number;
        scores: Record<string, number>;
        weblog: { kind: string; path: string };
      }[];
      products: { kind: string; site: string; sha256: string }[];
      deliveryStatus: null;
      history: { to: string; systemActor: string | null; reason: string | null }[];
    };
    expect(ous.state).toBe('READY_FOR_REVIEW');
    expect(ous.pipelineRuns).toEqual([
      {
        run: 1,
        executive: 'NA',
        status: 'SUCCEEDED',
        exitCode: 0,
        job: { queue: 'workflow-pipeline-na', id: 'job-1' },
      },
    ]);
    expect(ous.pipelineReports[0]!.weblog).toMatchObject({
      kind: 'WEBLOG',
      path: expect.stringMatching(/^NA\/2019\.1\.00001\.S\/uid___H1_H1_H1\/run-1\//),
    });
    expect(Object.values(ous.pipelineReports[0]!.scores).every((s) => s > 0 && s <= 1)).toBe(true);
    expect(ous.products).toHaveLength(7);
    expect(ous.products.every((p) => p.site === 'NA' && /^[0-9a-f]{64}$/.test(p.sha256))).toBe(true);
    expect(ous.deliveryStatus).toBeNull();
    expect(ous.history.at(-1)).toMatchObject({
      to: 'READY_FOR_REVIEW',
      systemActor: 'pipeline-driver',
      reason: expect.stringMatching(/^run 1 at NA: products cached, FinalScore 0\.\d+/),
    });
    await expect(
      services.ous.apply('uid://H1/H1/H1', { kind: 'startReview' }, operator),
    ).resolves.toMatchObject({ state: OusState.REVIEWING });
  });

  it('copies a run to the JAO cache only once, each copy verified', async () => {
    const first = await services.replication.replicate('uid://H1/H1/H1');
    expect(first).toEqual({ run: 1, copied: 7, verified: 7 });
    expect(await services.replication.replicate('uid://H1/H1/H1')).toEqual({
      run: 1,
      copied: 0,
      verified: 0,
    });
  });

  it('seeds the demo programme once', async () => {
    const store = { productRoot: path.join(dir, 'products'), archiveRoot: path.join(dir, 'archive') };
    expect(await seedWorkflowDemo(db, { store })).toEqual([0, 1, 2, 3, 4].map((n) => `uid://X1/X1/Xb${n}`));
    expect(await seedWorkflowDemo(db, { store })).toEqual([]);
    expect((await services.ous.byId('uid://X1/X1/Xb3'))?.state).toBe(OusState.FULLY_OBSERVED);
    expect((await services.ous.history('uid://X1/X1/Xb4'))[0]).toMatchObject({ reason: 'fully observed' });
    expect((await services.ous.byId('uid://X1/X1/Xb1'))?.programId).toBe(DEMO_PROGRAM);
    expect((await services.ous.history('uid://X1/X1/Xb1'))[0]).toMatchObject({
      systemActor: 'launcher',
      reason: 'created',
    });
  });

  it('plays the launcher, the DRA and the reviewer in the demo, each move audited as the demo', async () => {
    const demo = new WorkflowDemo(services.ous, demoSettings('opshub-1', 1_000, { maxInFlight: 50 }));
    const later = (): number => Date.now() + 60_000;
    expect((await demo.tick(later())).launched).toBe('uid://X1/X1/Xb5');
    const created = (await services.ous.byId('uid://X1/X1/Xb5'))!.createdAt.getTime();
    expect(await demo.tick(created + 500)).toEqual({
      launched: null,
      assigned: [],
      reviewing: [],
      reviewed: [],
      requeued: [],
    });

    for (const id of ['uid://X1/X1/Xb0', 'uid://X1/X1/Xb1', 'uid://X1/X1/Xb2', 'uid://X1/X1/Xb5'])
      await services.recipes.assign(id);
    const assigned = await demo.tick(later());
    const processing = await services.ous.inState(DEMO_PROGRAM, OusState.PROCESSING);
    expect(processing.map((o) => o.id).sort()).toEqual([...assigned.assigned].sort());
    expect(processing.length).toBeGreaterThan(0);
    for (const o of processing) {
      expect((await services.ous.lastTransition(o.id))?.systemActor).toBe('demo-dra');
      await services.pipeline.run(o.id, o.executive!, { queue: 'q', jobId: null });
    }

    const ids = processing.map((o) => o.id).sort();
    // With the clock this far ahead, one tick both picks the reviews up and submits them.
    const reviews = await demo.tick(later());
    expect([...reviews.reviewing].sort()).toEqual(ids);
    expect([...reviews.reviewed].sort()).toEqual(ids);
    for (const id of ids) {
      const history = await services.ous.history(id);
      expect(history.slice(-3).map((t) => t.systemActor)).toEqual([
        'pipeline-driver',
        'demo-reviewer',
        'demo-reviewer',
      ]);
      expect([OusState.VERIFIED, OusState.READY_FOR_PROCESSING]).toContain(history.at(-1)!.to);
    }
  });
});

describe('ousStateChanged', () => {
  it('resolves each event’s history and records afresh, not from an earlier event of the same subscription', async () => {
    const id = 'uid://S1/S1/S1';
    const contextValue = { user: operator, requestId: 't', log };
    const stream = (await subscribe({
      schema,
      document: parse(
        `subscription { ousStateChanged(programId: "2020.1.00002.S") { ous { id history { to } pipelineRuns { run } } } }`,
      ),
      contextValue,
    })) as AsyncIterableIterator<{
      data?: { ousStateChanged: { ous: { history: unknown[]; pipelineRuns: unknown[] } } };
    }>;
    const next = stream.next();
    await services.ous.create('2020.1.00002.S', id, operator);
    const first = (await next).value.data!.ousStateChanged.ous;
    const second = stream.next();
    await services.recipes.assign(id);
    const later = (await second).value.data!.ousStateChanged.ous;
    await stream.return?.();
    expect(first.history).toHaveLength(1);
    expect(later.history).toHaveLength(2);
  });
});
