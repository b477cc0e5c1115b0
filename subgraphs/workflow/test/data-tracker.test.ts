import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLogger } from '@opshub/config';
import { createDb, type Db } from '@opshub/db';
import { EventBus } from '@opshub/events';
import type { JobName } from '@opshub/jobs';
import { createTestDatabase, testRedisUrl, uniquePrefix, type TestDatabase } from '@opshub/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowJobs } from '../src/jobs/workflow-jobs.js';
import { OusState } from '../src/ous/ous-state.js';
import { createWorkflowServices, type WorkflowServices } from '../src/services.js';
import { RawDataPendingError } from '../src/tracker/data-tracker.service.js';

const log = createLogger('test', 'silent');
const PROGRAM = '2023.1.00042.S';
const launcher = { system: 'launcher' };
let database: TestDatabase;
let db: Db;
let events: EventBus;
let dir: string;
let services: WorkflowServices;
const enqueued: { job: JobName; jobId: string }[] = [];
const recording: WorkflowJobs = {
  enqueue: async (job, _payload, jobId) => void enqueued.push({ job, jobId }),
};
const jobsOf = (id: string): JobName[] =>
  enqueued.filter((e) => e.jobId.includes(id.replace(/[^A-Za-z0-9.-]/g, '_'))).map((e) => e.job);

beforeAll(async () => {
  database = await createTestDatabase('wftracker');
  db = createDb(database.url);
  events = await EventBus.connect(testRedisUrl(), uniquePrefix('wft'));
  dir = await mkdtemp(path.join(tmpdir(), 'opshub-wft-'));
  services = createWorkflowServices(db, events, log, {
    jobs: recording,
    seed: 'opshub-1',
    store: { productRoot: path.join(dir, 'products'), archiveRoot: path.join(dir, 'archive') },
  });
});

afterAll(async () => {
  await events?.close();
  await db?.$disconnect();
  await database?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the data tracker and FullyObserved', () => {
  it('holds a FullyObserved OUS until its raw data is replicated, then moves it to ReadyForProcessing', async () => {
    const id = 'uid://T1/T1/T1';
    const created = await services.ous.create(PROGRAM, id, launcher, OusState.FULLY_OBSERVED);
    expect(created.state).toBe(OusState.FULLY_OBSERVED);
    // Its follow-up is the data tracker's job, not the batch helper.
    expect(jobsOf(id)).toEqual(['track-delivery']);

    await expect(services.tracker.track(id)).rejects.toBeInstanceOf(RawDataPendingError);
    expect((await services.ous.byId(id))?.state).toBe(OusState.FULLY_OBSERVED);

    const rawData = await services.tracker.shipRawData(PROGRAM, id);
    expect(rawData).toBe(`JAO/${PROGRAM}/uid___T1_T1_T1/raw/uid___T1_T1_T1.asdm.xml`);
    expect(await services.tracker.track(id)).toEqual({ replicated: true, rawData });

    const history = await services.ous.history(id);
    expect(history.map((t) => [t.from, t.to, t.systemActor])).toEqual([
      [null, OusState.FULLY_OBSERVED, 'launcher'],
      [OusState.FULLY_OBSERVED, OusState.READY_FOR_PROCESSING, 'data-tracker'],
    ]);
    expect(history[0]!.reason).toBe('fully observed');
    expect(history[1]!.reason).toContain(rawData);
    // Now the batch helper's turn.
    expect(jobsOf(id)).toEqual(['track-delivery', 'assign-recipe']);
  });

  it('launches an observed OUS with its raw data shipped, which the tracker moves on at once', async () => {
    const id = 'uid://T1/T1/T2';
    await services.tracker.observe(PROGRAM, id, launcher);
    expect(await services.tracker.track(id)).toMatchObject({ replicated: true });
    expect((await services.ous.byId(id))?.state).toBe(OusState.READY_FOR_PROCESSING);
  });

  it('leaves other states to the delivery check, and the reconciler re-enqueues a waiting FullyObserved OUS', async () => {
    const id = 'uid://T1/T1/T3';
    await services.ous.create(PROGRAM, id, launcher);
    expect(await services.tracker.track(id)).toMatchObject({
      skipped: expect.stringContaining('not ProductsIngested'),
    });

    const waiting = 'uid://T1/T1/T4';
    await services.ous.create(PROGRAM, waiting, launcher, OusState.FULLY_OBSERVED);
    enqueued.length = 0;
    expect(await services.ous.reconcile(0)).toBeGreaterThan(0);
    expect(jobsOf(waiting)).toEqual(['track-delivery']);
  });
});
