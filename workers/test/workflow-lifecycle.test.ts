import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { STORED_OUS_STATE } from '@opshub/db/enums';
import { OusState, parsePipelineReport, pipelineFails, recipeFor, sha256Of } from '@opshub/workflow';
import { waitFor } from '@opshub/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, OPERATOR, startWorkflowHarness, type WorkflowHarness } from './workflow-harness.js';

/** Fixed so that every OUS gets a Pipeline* recipe and Xb4, Xb5 fail their first run (checked below). */
const SEED = 'opshub-1';
const PROGRAM = '2015.1.00657.S';
const IDS = Array.from({ length: 10 }, (_, i) => `uid://X1/X1/Xb${i.toString(16)}`);
/** The one the reviewer fails once (QA2 Fail), then passes after it is processed again. */
const QA2_FAILED = IDS[9]!;
const EXECUTIVES = ['EU', 'NA', 'EA', 'JAO'] as const;
const executiveOf = (id: string): string => EXECUTIVES[IDS.indexOf(id) % EXECUTIVES.length] ?? 'EU';

const CREATE = 'mutation ($p: String!, $id: ID!) { createObsUnitSet(programId: $p, id: $id) { id state } }';
const ASSIGN = 'mutation ($id: ID!, $e: Executive!) { assignExecutive(ousId: $id, executive: $e) { state } }';
const START_REVIEW = 'mutation ($id: ID!) { startReview(ousId: $id) { state } }';
const QA2 =
  'mutation ($id: ID!, $s: Qa2Score!, $c: String) { submitQa2(ousId: $id, score: $s, comment: $c) { state } }';
const REQUEUE = 'mutation ($id: ID!) { requeue(ousId: $id) { state substate } }';
const OUS = `query ($id: ID!) { obsUnitSet(id: $id) {
  id state substate executive recipe
  history { from to substate systemActor actor { id } reason }
  pipelineRuns { run executive status exitCode job { queue id } }
  pipelineReports { run proposalCode ousStatusEntityId reportDate processingTime casaVersion pipelineVersion finalScore
    scores { dataset flagging calibration imaging } xmlPath weblog { fileName path } }
  products { run fileName kind size sha256 site path replicaPath replicatedAt archiveFileId archivedAt }
  deliveryStatus { run complete products productCount archivedCount problem }
  archiveDocuments { fileId sha256 size path metadata { file programId ousId } }
} }`;

interface Ous {
  id: string;
  state: string;
  substate: string | null;
  executive: string | null;
  recipe: string | null;
  history: {
    from: string | null;
    to: string;
    substate: string | null;
    systemActor: string | null;
    actor: { id: string } | null;
    reason: string | null;
  }[];
  pipelineRuns: {
    run: number;
    executive: string;
    status: string;
    exitCode: number | null;
    job: { queue: string; id: string } | null;
  }[];
  pipelineReports: {
    run: number;
    proposalCode: string;
    ousStatusEntityId: string;
    finalScore: number;
    casaVersion: string;
    pipelineVersion: string;
    scores: Record<'dataset' | 'flagging' | 'calibration' | 'imaging', number | null>;
    xmlPath: string;
    weblog: { fileName: string; path: string } | null;
  }[];
  products: {
    run: number;
    fileName: string;
    kind: string;
    size: number;
    sha256: string;
    site: string;
    path: string;
    replicaPath: string | null;
    archiveFileId: string | null;
  }[];
  deliveryStatus: {
    run: number;
    complete: boolean;
    products: string[];
    productCount: number;
    archivedCount: number;
    problem: string | null;
  } | null;
  archiveDocuments: {
    fileId: string;
    sha256: string;
    size: number;
    path: string;
    metadata: { file: string; programId: string; ousId: string }[];
  }[];
}

let h: WorkflowHarness;
const ousOf = async (id: string): Promise<Ous> =>
  (await h.run<{ obsUnitSet: Ous }>(OPERATOR, OUS, { id })).obsUnitSet;
const who = (t: Ous['history'][number]): string =>
  t.systemActor ?? (t.actor?.id === ADMIN.id ? 'admin' : t.actor?.id === OPERATOR.id ? 'operator' : '?');
/** One history row as ALMA names it: `Processing/PipelineCalibration by operator`. */
const line = (t: Ous['history'][number]): string =>
  `${STORED_OUS_STATE[t.to as OusState]}${t.substate ? `/${t.substate}` : ''} by ${who(t)}`;

/** What the history of `id` must read, from the seed's draws and the reviewer's plan. */
function expectedHistory(id: string): string[] {
  const recipe = recipeFor(SEED, id);
  const lines = ['ReadyForProcessing by admin', `ReadyForProcessing/${recipe} by batch-helper`];
  const settings = { seed: SEED, failureRate: 0.1 };
  let run = 1;
  const processUntilReviewed = (): void => {
    lines.push(`Processing/${recipe} by operator`);
    while (pipelineFails(settings, id, run)) {
      lines.push(
        `ProcessingProblem/${recipe} by pipeline-driver`,
        `ReadyForProcessing/${recipe} by operator`,
        `Processing/${recipe} by operator`,
      );
      run++;
    }
    run++;
    lines.push('ReadyForReview by pipeline-driver', 'Reviewing by operator');
  };
  processUntilReviewed();
  if (id === QA2_FAILED) {
    lines.push('ReadyForProcessing by operator');
    processUntilReviewed();
  }
  lines.push(
    'Verified by operator',
    'DeliveryInProgress/IngestionTriggered by product-ingestor',
    'DeliveryInProgress/AnalyzingProducts by product-ingestor',
    'DeliveryInProgress/IngestingProducts by product-ingestor',
    'DeliveryInProgress/ProductsIngested by product-ingestor',
    'Delivered by data-tracker',
  );
  return lines;
}

/** The operator's side, as a person at the DRA and AQUA/QA2 screens would play it, one pass. */
async function operate(ids: string[], qa2Failed: Set<string>): Promise<boolean> {
  let delivered = 0;
  for (const id of ids) {
    const ous = (await h.api.ous.byId(id))!;
    switch (ous.state) {
      case OusState.READY_FOR_PROCESSING:
        if ((ous.substate ?? ous.recipe)?.startsWith('Pipeline'))
          await h.run(OPERATOR, ASSIGN, { id, e: executiveOf(id) });
        break;
      case OusState.PROCESSING_PROBLEM:
        await h.run(OPERATOR, REQUEUE, { id });
        break;
      case OusState.READY_FOR_REVIEW:
        await h.run(OPERATOR, START_REVIEW, { id });
        break;
      case OusState.REVIEWING:
        if (id === QA2_FAILED && !qa2Failed.has(id)) {
          qa2Failed.add(id);
          await h.run(OPERATOR, QA2, { id, s: 'FAIL', c: 'phase calibrator flagged too heavily' });
        } else {
          await h.run(OPERATOR, QA2, { id, s: 'PASS' });
        }
        break;
      case OusState.DELIVERED:
        delivered++;
        break;
      default:
    }
  }
  return delivered === ids.length;
}

beforeAll(async () => {
  h = await startWorkflowHarness({ seed: SEED });
});

afterAll(async () => {
  await h?.stop();
});

describe('the workflow lifecycle driven by the workers', () => {
  it('uses a seed where every OUS gets a Pipeline recipe and at least one run fails', () => {
    expect(IDS.map((id) => recipeFor(SEED, id)).every((r) => r.startsWith('Pipeline'))).toBe(true);
    expect(IDS.filter((id) => pipelineFails({ seed: SEED, failureRate: 0.1 }, id, 1))).toEqual([
      'uid://X1/X1/Xb4',
      'uid://X1/X1/Xb5',
    ]);
  });

  it('takes ten OUSs from creation to Delivered, requeueing the failed runs and re-reducing a QA2 Fail', async () => {
    for (const id of IDS) await h.run(ADMIN, CREATE, { p: PROGRAM, id });
    const qa2Failed = new Set<string>();
    await waitFor(async () => operate(IDS, qa2Failed), 'every OUS Delivered', 80_000);

    for (const id of IDS) {
      const ous = await ousOf(id);
      expect(ous.state, id).toBe('DELIVERED');
      expect(ous.executive, `${id}: executive cleared on delivery`).toBeNull();
      expect(ous.recipe).toBe(recipeFor(SEED, id));
      expect(ous.history.map(line), id).toEqual(expectedHistory(id));
      expect(ous.history[0]).toMatchObject({ from: null, actor: { id: ADMIN.id } });
      for (const t of ous.history.slice(1))
        expect(t.from, `${id}: each move starts where the last ended`).not.toBeNull();

      const failedRuns = ous.pipelineRuns.filter((r) => r.status === 'FAILED');
      for (const r of failedRuns) expect(r).toMatchObject({ exitCode: 2, executive: executiveOf(id) });
      const last = ous.pipelineRuns.at(-1)!;
      expect(last).toMatchObject({
        status: 'SUCCEEDED',
        exitCode: 0,
        job: { queue: `workflow-pipeline-${executiveOf(id).toLowerCase()}` },
      });
      const problems = ous.history.filter((t) => t.to === 'PROCESSING_PROBLEM');
      expect(problems.map((t) => t.reason)).toEqual(
        failedRuns.map((r) => `pipeline exit code 2 in run ${r.run} at ${executiveOf(id)}`),
      );
    }
    const requeued = [];
    for (const id of IDS)
      if ((await ousOf(id)).pipelineRuns.some((r) => r.status === 'FAILED')) requeued.push(id);
    expect(requeued).toEqual(['uid://X1/X1/Xb4', 'uid://X1/X1/Xb5']);

    const failedReview = await ousOf(QA2_FAILED);
    const fail = failedReview.history.find((t) => t.from === 'REVIEWING' && t.to === 'READY_FOR_PROCESSING')!;
    expect(fail).toMatchObject({
      actor: { id: OPERATOR.id },
      substate: null,
      reason: 'QA2 FAIL: phase calibrator flagged too heavily',
    });
    expect(failedReview.pipelineReports.map((r) => r.run)).toEqual([1, 2]);
  }, 90_000);

  it('records the reports, products, archive and delivery status of each run, checksums matching the files', async () => {
    const { productRoot, archiveRoot } = h.settings;
    for (const id of IDS) {
      const ous = await ousOf(id);
      const run = ous.pipelineRuns.at(-1)!.run;
      const report = ous.pipelineReports.at(-1)!;
      expect(report).toMatchObject({
        run,
        proposalCode: PROGRAM,
        ousStatusEntityId: id,
        casaVersion: '6.6.1-17',
        pipelineVersion: '2024.1.0.8',
      });
      const xml = parsePipelineReport(await readFile(path.join(productRoot, report.xmlPath), 'utf8'));
      expect(report.finalScore).toBe(xml.finalScore);
      expect(report.scores).toEqual(xml.scores);
      for (const score of Object.values(report.scores)) expect(score).toBeGreaterThan(0.5);

      const products = ous.products.filter((p) => p.run === run);
      expect(products.map((p) => p.kind).sort()).toEqual([
        'DATA',
        'DATA',
        'DATA',
        'DATA',
        'DATA',
        'REPORT',
        'WEBLOG',
      ]);
      for (const p of products) {
        expect(p.site).toBe(executiveOf(id));
        expect(await sha256Of(path.join(productRoot, p.path)), p.path).toBe(p.sha256);
        // Replication: the JAO cache holds a verified copy (at JAO the store is the cache).
        expect(p.replicaPath).toBe(executiveOf(id) === 'JAO' ? p.path : p.path.replace(/^[A-Z]+\//, 'JAO/'));
        expect(await sha256Of(path.join(productRoot, p.replicaPath!)), p.replicaPath!).toBe(p.sha256);
        expect(p.size).toBeGreaterThan(p.kind === 'DATA' ? 2000 : 200);
      }
      const weblog = products.find((p) => p.kind === 'WEBLOG')!;
      expect(report.weblog).toEqual({ fileName: weblog.fileName, path: weblog.path });
      expect(gunzipSync(await readFile(path.join(productRoot, weblog.path))).toString('latin1')).toContain(
        `pipeline-run${run}/html/index.html`,
      );

      const deliverable = products.filter((p) => p.kind !== 'REPORT');
      expect(ous.deliveryStatus).toEqual({
        run,
        complete: true,
        products: deliverable.map((p) => p.fileName),
        productCount: 6,
        archivedCount: 6,
        problem: null,
      });
      expect(ous.archiveDocuments).toHaveLength(6);
      for (const doc of ous.archiveDocuments) {
        const product = deliverable.find((p) => p.archiveFileId === doc.fileId)!;
        expect(doc.sha256).toBe(product.sha256);
        expect(await sha256Of(path.join(archiveRoot, doc.path))).toBe(doc.sha256);
        expect(doc.metadata).toEqual(
          product.kind === 'DATA' ? [{ file: product.fileName, programId: PROGRAM, ousId: id }] : [],
        );
      }
    }
  });

  it('caps pipeline runs per executive across processes (BullMQ global concurrency)', async () => {
    for (const e of EXECUTIVES) {
      expect(
        await h.workers.queue(`workflow-pipeline-${e.toLowerCase()}` as never).getGlobalConcurrency(),
      ).toBe(2);
    }
  });

  it('refuses a corrupted product at ingestion with its reason, then delivers after a requeue', async () => {
    const id = 'uid://X1/X1/Xc0';
    await h.run(ADMIN, CREATE, { p: PROGRAM, id });
    await waitFor(
      async () => (await h.api.ous.byId(id))?.substate?.startsWith('Pipeline'),
      'the recipe',
      30_000,
    );
    await h.run(OPERATOR, ASSIGN, { id, e: 'EU' });
    const replicated = await waitFor(
      async () => {
        const ous = await ousOf(id);
        const products = ous.products.filter((p) => p.run === 1);
        return ous.state === 'READY_FOR_REVIEW' &&
          products.length === 7 &&
          products.every((p) => p.replicaPath)
          ? products
          : undefined;
      },
      'run 1 processed and replicated',
      30_000,
    );

    // Bit rot in the JAO cache: one data product's bytes change after replication.
    const victim = replicated.find((p) => p.kind === 'DATA')!;
    const file = path.join(h.settings.productRoot, victim.replicaPath!);
    const bytes = await readFile(file);
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0xff;
    await writeFile(file, bytes);
    const actual = await sha256Of(file);

    await h.run(OPERATOR, START_REVIEW, { id });
    await h.run(OPERATOR, QA2, { id, s: 'PASS' });
    const refused = await waitFor(
      async () => {
        const ous = await ousOf(id);
        return ous.state === 'PROCESSING_PROBLEM' ? ous : undefined;
      },
      'the ingestion refusal',
      20_000,
    );

    const reason = `ingestion refused: ${victim.fileName} has SHA-256 ${actual} but the pipeline recorded ${victim.sha256}`;
    expect(refused.substate).toBe('IngestionRefused');
    expect(refused.history.slice(-4).map(line)).toEqual([
      'Verified by operator',
      'DeliveryInProgress/IngestionTriggered by product-ingestor',
      'DeliveryInProgress/AnalyzingProducts by product-ingestor',
      'ProcessingProblem/IngestionRefused by product-ingestor',
    ]);
    expect(refused.history.at(-1)!.reason).toBe(reason);
    expect(refused.deliveryStatus).toMatchObject({ complete: false, archivedCount: 0, problem: reason });
    expect(refused.archiveDocuments).toEqual([]);
    // The job fails for good just after the move it made: wait for BullMQ to record it.
    await waitFor(
      async () =>
        (await h.workers.queue('workflow-ingestion').getFailed()).some((j) => j.failedReason === reason),
      'the failed ingestion job with the reason',
    );

    // The operator relaunches: a new run writes fresh products, and this time they are delivered.
    await h.run(OPERATOR, REQUEUE, { id });
    await h.run(OPERATOR, ASSIGN, { id, e: 'EU' });
    await waitFor(
      async () => (await h.api.ous.byId(id))?.state === OusState.READY_FOR_REVIEW,
      'run 2 processed',
      20_000,
    );
    await h.run(OPERATOR, START_REVIEW, { id });
    await h.run(OPERATOR, QA2, { id, s: 'PASS' });
    const delivered = await waitFor(
      async () => {
        const ous = await ousOf(id);
        return ous.state === 'DELIVERED' ? ous : undefined;
      },
      'delivery of run 2',
      20_000,
    );
    expect(delivered.deliveryStatus).toMatchObject({
      run: 2,
      complete: true,
      archivedCount: 6,
      problem: null,
    });
    expect(delivered.archiveDocuments.map((d) => d.fileId).every((f) => f.includes('.run2.'))).toBe(true);
  }, 90_000);
});
