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
import { PipelineRepository } from '../src/pipeline/pipeline.repository.js';
import { PipelineService } from '../src/pipeline/pipeline.service.js';
import { buildWorkflowSchema } from '../src/schema.js';
import { createWorkflowServices, type WorkflowServices } from '../src/services.js';
import { ProductStore, type StoredFile } from '../src/store/product-store.js';

const log = createLogger('test', 'silent');
const operator = { id: '00000000-0000-4000-8000-000000000002', username: 'op', roles: ['OPERATOR' as const] };
let database: TestDatabase;
let db: Db;
let events: EventBus;
let dir: string;
let services: WorkflowServices;
let schema: GraphQLSchema;

/** A pipeline whose report file is not what it computed: the store changes it on the way to disk. */
class RewritingStore extends ProductStore {
  constructor(
    root: string,
    private readonly rewrite: (xml: string) => string,
  ) {
    super({ productRoot: path.join(root, 'products'), archiveRoot: path.join(root, 'archive') });
  }

  override writeProduct(relPath: string, bytes: Buffer): Promise<StoredFile> {
    if (!relPath.endsWith('.pipeline_aquareport.xml')) return super.writeProduct(relPath, bytes);
    return super.writeProduct(relPath, Buffer.from(this.rewrite(bytes.toString('utf8'))));
  }
}

function driverWith(rewrite: (xml: string) => string): PipelineService {
  return new PipelineService(
    new PipelineRepository(db),
    services.ous,
    new RewritingStore(dir, rewrite),
    services.pipeline.settings,
  );
}

async function processing(id: string): Promise<void> {
  await services.ous.create('2021.1.00004.S', id, operator);
  await services.ous.apply(
    id,
    { kind: 'assignRecipe', recipe: 'PipelineImaging' },
    { system: 'batch-helper' },
  );
  await services.ous.apply(id, { kind: 'assignExecutive', executive: Executive.EU }, operator);
}

interface RunView {
  run: number;
  status: string;
  exitCode: number | null;
  failureReason: string | null;
  report: { finalScore: number; scores: Record<string, number | null> } | null;
}

async function runsOf(
  id: string,
): Promise<{ state: string; pipelineRuns: RunView[]; history: { reason: string }[] }> {
  const result = await graphql({
    schema,
    source: `query ($id: ID!) { obsUnitSet(id: $id) { state history { reason }
      pipelineRuns { run status exitCode failureReason
        report { finalScore scores { dataset flagging calibration imaging } } } } }`,
    variableValues: { id },
    contextValue: { user: operator, requestId: 't', log },
  });
  expect(result.errors).toBeUndefined();
  return (result.data as { obsUnitSet: never }).obsUnitSet;
}

beforeAll(async () => {
  database = await createTestDatabase('wfreport');
  db = createDb(database.url);
  events = await EventBus.connect(testRedisUrl(), uniquePrefix('wfr'));
  dir = await mkdtemp(path.join(tmpdir(), 'opshub-wfr-'));
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

describe('the pipeline report', () => {
  it('is parsed from the XML file the pipeline wrote, and served on the run', async () => {
    const id = 'uid://Q1/Q1/Q1';
    await processing(id);
    const driver = driverWith((xml) =>
      xml
        .replace(/<FinalScore>[^<]*</, '<FinalScore>0.512<')
        .replace(/<Topic Name="Imaging"><Score>[^<]*</, '<Topic Name="Imaging"><Score>0.123<')
        .replace(/\s*<Topic Name="Flagging">.*<\/Topic>/, ''),
    );
    await driver.run(id, Executive.EU, { queue: 'workflow-pipeline-eu', jobId: 'job-q1' });

    const ous = await runsOf(id);
    expect(ous.state).toBe('READY_FOR_REVIEW');
    const [run] = ous.pipelineRuns;
    expect(run).toMatchObject({ run: 1, status: 'SUCCEEDED', exitCode: 0, failureReason: null });
    expect(run!.report).toMatchObject({ finalScore: 0.512, scores: { imaging: 0.123, flagging: null } });
    expect(run!.report!.scores['dataset']).toBeGreaterThan(0);
    expect(ous.history.at(-1)!.reason).toContain('FinalScore 0.512');
  });

  it('fails the run with the reason when the report is malformed, and the OUS goes to ProcessingProblem', async () => {
    const id = 'uid://Q1/Q1/Q2';
    await processing(id);
    const driver = driverWith((xml) =>
      xml.replace(/<FinalScore>[^<]*<\/FinalScore>/, '<FinalScore>n/a</FinalScore>'),
    );
    const outcome = await driver.run(id, Executive.EU, { queue: 'workflow-pipeline-eu', jobId: 'job-q2' });
    expect(outcome).toMatchObject({ run: 1, exitCode: 0, products: 0 });

    const ous = await runsOf(id);
    expect(ous.state).toBe('PROCESSING_PROBLEM');
    const [run] = ous.pipelineRuns;
    expect(run).toMatchObject({ status: 'FAILED', exitCode: 0, report: null });
    expect(run!.failureReason).toMatch(
      /pipeline_aquareport\.xml is unreadable: <FinalScore> is not a number/,
    );
    expect(ous.history.at(-1)!.reason).toContain(run!.failureReason!);
    expect(await services.pipeline.latestRunHasReport(id)).toBe(false);
  });

  it('fails the run when the report belongs to another OUS', async () => {
    const id = 'uid://Q1/Q1/Q3';
    await processing(id);
    const driver = driverWith((xml) => xml.replace(/uid:\/\/Q1\/Q1\/Q3/, 'uid://Q1/Q1/Q9'));
    await driver.run(id, Executive.EU, { queue: 'workflow-pipeline-eu', jobId: 'job-q3' });
    const ous = await runsOf(id);
    expect(ous.state).toBe('PROCESSING_PROBLEM');
    expect(ous.pipelineRuns[0]!.failureReason).toMatch(/is for uid:\/\/Q1\/Q1\/Q9 .*not uid:\/\/Q1\/Q1\/Q3/);
  });
});
