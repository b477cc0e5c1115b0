import { setTimeout as wait } from 'node:timers/promises';
import { ProductKind } from '@opshub/db/enums';
import type { Executive } from '../ous/ous-state.js';
import { OusState } from '../ous/ous-state.js';
import type { OusService } from '../ous/ous.service.js';
import { draw } from '../random/draw.js';
import type { ProductStore } from '../store/product-store.js';
import { runArtifacts } from './pipeline-artifacts.js';
import {
  parsePipelineReport,
  PipelineReportParseError,
  type PipelineReportFields,
} from './pipeline-report.xml.js';
import type {
  PipelineRepository,
  ProductWithDocument,
  ProductWrite,
  ReportRow,
  RunRow,
} from './pipeline.repository.js';

/** How the simulated pipeline behaves. */
export interface PipelineSettings {
  /** Seed of every draw (failures, scores, product bytes): fix it to replay a run exactly. */
  seed: string;
  /** How long one run takes, in ms (tests use 0). */
  durationMs: number;
  /** Share of runs that end with exit code 2 (ALMA: about 1 in 10). */
  failureRate: number;
}

export const PIPELINE_DRIVER = { system: 'pipeline-driver' } as const;
export const PIPELINE_EXIT_FAILURE = 2;

export type PipelineOutcome =
  { skipped: string } | { run: number; exitCode: number; executive: Executive; products: number };

/** True when the pipeline fails run `attempt` of `ousId` under `seed` (exported so tests can pick seeds). */
export function pipelineFails(
  settings: Pick<PipelineSettings, 'seed' | 'failureRate'>,
  ousId: string,
  attempt: number,
): boolean {
  return draw(settings.seed, 'pipeline', ousId, attempt) < settings.failureRate;
}

function isMissingFile(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';
}

function groupBy<T>(ids: readonly string[], rows: T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>(ids.map((id) => [id, []]));
  for (const row of rows) out.get(key(row))?.push(row);
  return out;
}

/**
 * The pipeline driver (Torque/Maui + Pipeline of the mockup): runs the pipeline for an OUS in
 * Processing, writes its products, weblog and report into the product store with their checksums,
 * and moves the OUS on through the state machine.
 */
export class PipelineService {
  constructor(
    private readonly runs: PipelineRepository,
    private readonly ous: OusService,
    private readonly store: ProductStore,
    readonly settings: PipelineSettings,
  ) {}

  /** Runs (or, for a retried job, resumes) the pipeline of `ousId` at `executive`. */
  async run(
    ousId: string,
    executive: Executive,
    job: { queue: string; jobId: string | null },
  ): Promise<PipelineOutcome> {
    const ous = await this.ous.byId(ousId);
    if (!ous) return { skipped: `no ObsUnitSet ${ousId}` };
    if (ous.state !== OusState.PROCESSING || ous.executive !== executive) {
      return {
        skipped: `${ousId} is ${ous.state} at ${ous.executive ?? 'no executive'}, not Processing at ${executive}`,
      };
    }
    let run = job.jobId ? await this.runs.runByJob(ousId, job.jobId) : null;
    run ??= await this.runs.startRun({ ousId, executive, queue: job.queue, jobId: job.jobId });
    if (run.exitCode === null) {
      if (this.settings.durationMs > 0) await wait(this.settings.durationMs);
      run = pipelineFails(this.settings, ousId, run.attempt)
        ? await this.runs.finishRun(run.id, PIPELINE_EXIT_FAILURE)
        : await this.writeProducts(ous.programId, run);
    }
    if (run.exitCode === 0 && run.failureReason === null) {
      const report = await this.reportOf(run);
      await this.ous.apply(
        ousId,
        { kind: 'pipelineSucceeded' },
        PIPELINE_DRIVER,
        `run ${run.attempt} at ${executive}: products cached, FinalScore ${report?.finalScore ?? '?'}`,
      );
      return {
        run: run.attempt,
        exitCode: 0,
        executive,
        products: (await this.runs.productsOfRun(run.id)).length,
      };
    }
    await this.ous.apply(
      ousId,
      { kind: 'pipelineFailed' },
      PIPELINE_DRIVER,
      run.failureReason
        ? `run ${run.attempt} at ${executive} failed: ${run.failureReason}`
        : `pipeline exit code ${run.exitCode} in run ${run.attempt} at ${executive}`,
    );
    return { run: run.attempt, exitCode: run.exitCode ?? -1, executive, products: 0 };
  }

  private async writeProducts(programId: string, run: RunRow): Promise<RunRow> {
    const started = run.startedAt.getTime();
    const { files } = runArtifacts(
      this.settings.seed,
      programId,
      run.ousId,
      run.attempt,
      (Date.now() - started) / 1000,
      new Date(),
    );
    const dir = this.store.runDir(run.executive, programId, run.ousId, run.attempt);
    const products: ProductWrite[] = [];
    let xmlPath = '';
    for (const file of files) {
      const stored = await this.store.writeProduct(`${dir}/${file.relPath}`, file.bytes);
      products.push({
        fileName: file.fileName,
        kind: file.kind,
        size: stored.size,
        sha256: stored.sha256,
        site: run.executive,
        path: stored.path,
      });
      if (file.kind === ProductKind.REPORT) xmlPath = stored.path;
    }
    // The scores are what the pipeline wrote to disk, read back as a reviewer would read them.
    const report = await this.readReport(programId, run, xmlPath);
    if ('unreadable' in report) return this.runs.finishRun(run.id, 0, report.unreadable);
    return this.runs.recordSuccess(run, products, { ...report.fields, xmlPath });
  }

  /** The run's PipelineAquaReport parsed from the product store, or why it cannot be used. */
  private async readReport(
    programId: string,
    run: RunRow,
    xmlPath: string,
  ): Promise<{ fields: PipelineReportFields } | { unreadable: string }> {
    if (!xmlPath) return { unreadable: 'the pipeline wrote no PipelineAquaReport' };
    let fields: PipelineReportFields;
    try {
      fields = parsePipelineReport((await this.store.readProduct(xmlPath)).toString('utf8'));
    } catch (error) {
      if (!(error instanceof PipelineReportParseError) && !isMissingFile(error)) throw error;
      return { unreadable: `PipelineAquaReport ${xmlPath} is unreadable: ${(error as Error).message}` };
    }
    if (fields.ousStatusEntityId !== run.ousId || fields.proposalCode !== programId) {
      return {
        unreadable:
          `PipelineAquaReport ${xmlPath} is for ${fields.ousStatusEntityId} (${fields.proposalCode}), ` +
          `not ${run.ousId} (${programId})`,
      };
    }
    return { fields };
  }

  private async reportOf(run: RunRow): Promise<ReportRow | undefined> {
    return (await this.runs.reportsOf([run.ousId])).find((r) => r.runId === run.id);
  }

  latestRunHasReport(ousId: string): Promise<boolean> {
    return this.runs.latestRunHasReport(ousId);
  }

  latestSucceededRun(ousId: string): Promise<RunRow | null> {
    return this.runs.latestSucceededRun(ousId);
  }

  runByAttempt(ousId: string, attempt: number): Promise<RunRow | null> {
    return this.runs.runByAttempt(ousId, attempt);
  }

  productsOfRun(runId: bigint) {
    return this.runs.productsOfRun(runId);
  }

  markReplicated(productId: bigint, replicaPath: string) {
    return this.runs.markReplicated(productId, replicaPath);
  }

  async runsOf(ousIds: readonly string[]): Promise<Map<string, RunRow[]>> {
    return groupBy(ousIds, await this.runs.runsOf(ousIds), (r) => r.ousId);
  }

  async reportsOf(ousIds: readonly string[]): Promise<Map<string, ReportRow[]>> {
    return groupBy(ousIds, await this.runs.reportsOf(ousIds), (r) => r.ousId);
  }

  async productsOf(ousIds: readonly string[]): Promise<Map<string, ProductWithDocument[]>> {
    return groupBy(ousIds, await this.runs.productsOf(ousIds), (r) => r.ousId);
  }
}
