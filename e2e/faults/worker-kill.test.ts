// Fault: a workers process is killed with SIGKILL in the middle of a pipeline run. The hub (gateway and
// subgraphs) in this process, the workflow workers in a child process. An operator sends an OUS to
// Processing through the gateway; while the pipeline driver is running it, the workers process dies
// (kill -9). A second workers process picks the stalled job up (BullMQ stall detection, shortened
// here through `stall`) and resumes the same run: the OUS gets one run, one set of products, one
// report and one pipeline-driver transition (with its outbox row), never two.
import { mkdir } from 'node:fs/promises';
import { createBullConnection, createQueue, PIPELINE_JOB, JOB_QUEUE } from '@opshub/jobs';
import { recipeFor } from '@opshub/workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type Hub } from '../hub.js';
import {
  gql,
  report,
  spawnWorkers,
  waitFor,
  type WorkersProcess,
  type WorkersSettings,
} from './faults-helpers.js';

let OUS: string;
const PROGRAM = '2026.1.00007.S';
const PIPELINE_MS = 3_000;
const STALL = { lockDurationMs: 2_000, stalledIntervalMs: 500 };

let hub: Hub;
let first: WorkersProcess;
let second: WorkersProcess;

beforeAll(async () => {
  hub = await startHub({ label: 'e2e-worker-kill', jobs: true });
  // One the batch helper gives a Pipeline* recipe (a manual one never reaches the pipeline).
  for (let i = 1; !OUS; i++)
    if (recipeFor(hub.workflow.seed, `uid://K1/K1/K${i}`).startsWith('Pipeline')) OUS = `uid://K1/K1/K${i}`;
  const settings: WorkersSettings = {
    databaseUrl: hub.databaseUrl,
    redisUrl: hub.redisUrl,
    redisPrefix: hub.redisPrefix,
    productRoot: hub.workflow.store.productRoot,
    archiveRoot: hub.workflow.store.archiveRoot,
    seed: hub.workflow.seed,
    pipelineMs: PIPELINE_MS,
    stall: STALL,
  };
  await mkdir(settings.productRoot, { recursive: true });
  // Both compile at once; the second waits, started only after the first is killed.
  first = spawnWorkers(settings);
  second = spawnWorkers(settings);
  await first.start();
}, 120_000);

afterAll(async () => {
  await first?.kill();
  await second?.kill('SIGTERM');
  await hub?.stop();
});

describe('a workers process killed mid-job', () => {
  it('lets a second process finish the stalled pipeline job exactly once', async () => {
    const admin = await hub.token('admin');
    const operator = await hub.token('operator');
    const created = await gql(
      hub.graphqlUrl,
      admin,
      'mutation ($p: String!, $id: ID!) { createObsUnitSet(programId: $p, id: $id) { state } }',
      { p: PROGRAM, id: OUS },
    );
    expect(created.errors).toBeUndefined();
    // The batch helper (first workers process) gives it a recipe.
    await waitFor(
      async () => (await hub.db.obsUnitSet.findUnique({ where: { id: OUS } }))?.recipe,
      'the recipe',
    );
    const assigned = await gql(
      hub.graphqlUrl,
      operator,
      'mutation ($id: ID!) { assignExecutive(ousId: $id, executive: EU) { state } }',
      { id: OUS },
    );
    expect(assigned.errors).toBeUndefined();
    expect(assigned.data!['assignExecutive'].state).toBe('PROCESSING');

    // The run has started (its row is there, no exit code yet): kill the process running it.
    const started = await waitFor(
      async () => (await hub.db.pipelineRun.findFirst({ where: { ousId: OUS } })) ?? undefined,
      'the pipeline run to start',
    );
    expect(started.exitCode).toBeNull();
    await first.kill('SIGKILL');
    const killedAt = Date.now();
    await second.start();
    const secondUpAt = Date.now();

    const done = await waitFor(
      async () => {
        const ous = await hub.db.obsUnitSet.findUnique({ where: { id: OUS } });
        return ous && ous.state !== 'PROCESSING' ? ous : undefined;
      },
      'the OUS to leave Processing',
      30_000,
    );
    const recoveredMs = Date.now() - killedAt;
    expect(done.state).toBe('READY_FOR_REVIEW');

    // Exactly once: one run, its products once, one report, one pipeline-driver move with its outbox row.
    const runs = await hub.db.pipelineRun.findMany({ where: { ousId: OUS } });
    expect(runs).toHaveLength(1);
    expect(runs[0]!.exitCode).toBe(0);
    expect(runs[0]!.jobId).toBe(started.jobId);
    const products = await hub.db.product.findMany({ where: { ousId: OUS } });
    expect(products.length).toBeGreaterThan(0);
    expect(new Set(products.map((p) => p.fileName)).size).toBe(products.length);
    expect(products.every((p) => p.runId === runs[0]!.id)).toBe(true);
    expect(await hub.db.pipelineReport.count({ where: { ousId: OUS } })).toBe(1);
    const moves = await hub.db.ousTransition.findMany({
      where: { ousId: OUS, systemActor: 'pipeline-driver' },
    });
    expect(moves.map((m) => `${m.from}->${m.to}`)).toEqual(['PROCESSING->READY_FOR_REVIEW']);
    const outboxed = await hub.db.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM workflow.outbox
      WHERE payload->'ous'->>'id' = ${OUS} AND payload->'transition'->>'to' = 'ReadyForReview'`;
    expect(Number(outboxed[0]!.n)).toBe(1);

    // The job itself: completed once, after one stall, by the second process.
    const connection = createBullConnection(hub.redisUrl);
    const queue = createQueue(JOB_QUEUE[PIPELINE_JOB.EU], connection, hub.redisPrefix);
    const job = await queue.getJob(started.jobId!);
    const state = await queue.getJobState(started.jobId!);
    await queue.close();
    await connection.quit();
    expect(state).toBe('completed');
    expect(job!.stalledCounter).toBe(1);
    expect(job!.attemptsMade).toBeLessThanOrEqual(1);

    report('worker-kill', {
      job: `${JOB_QUEUE[PIPELINE_JOB.EU]}/${started.jobId}`,
      pipelineMs: PIPELINE_MS,
      stall: STALL,
      secondWorkersStartMs: secondUpAt - killedAt,
      recoveredMs,
      runs: runs.length,
      products: products.length,
      reports: 1,
      pipelineDriverMoves: moves.length,
      outboxRows: Number(outboxed[0]!.n),
      stalledCounter: job!.stalledCounter,
      jobState: state,
    });
  }, 60_000);
});
