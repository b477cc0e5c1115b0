import {
  type Db,
  type Executive,
  type PipelineReport as ReportRow,
  type PipelineRun as RunRow,
  type Product as ProductRow,
  type ProductKind,
  prismaErrorCode,
  UNIQUE_VIOLATION,
} from '@opshub/db';
import type { PipelineReportFields } from './pipeline-report.xml.js';

export type { ProductRow, ReportRow, RunRow };

export type ProductWithDocument = ProductRow & { document: { fileId: string; archivedAt: Date } | null };

export interface ProductWrite {
  fileName: string;
  kind: ProductKind;
  size: number;
  sha256: string;
  site: string;
  path: string;
}

/** Pipeline runs, their reports and the products they wrote: the only file touching those tables. */
export class PipelineRepository {
  constructor(private readonly db: Db) {}

  runByJob(ousId: string, jobId: string): Promise<RunRow | null> {
    return this.db.pipelineRun.findFirst({ where: { ousId, jobId }, orderBy: { attempt: 'desc' } });
  }

  /** A new run numbered after the OUS's last one; two racing starts get distinct numbers. */
  async startRun(data: {
    ousId: string;
    executive: Executive;
    queue: string;
    jobId: string | null;
  }): Promise<RunRow> {
    for (let tries = 0; ; tries++) {
      const last = await this.db.pipelineRun.findFirst({
        where: { ousId: data.ousId },
        orderBy: { attempt: 'desc' },
      });
      try {
        return await this.db.pipelineRun.create({
          data: {
            ...data,
            attempt: (last?.attempt ?? 0) + 1,
          },
        });
      } catch (error) {
        if (prismaErrorCode(error) !== UNIQUE_VIOLATION || tries >= 3) throw error;
      }
    }
  }

  /** Ends a run; `failureReason` when it failed although the pipeline exited 0. */
  finishRun(id: bigint, exitCode: number, failureReason: string | null = null): Promise<RunRow> {
    return this.db.pipelineRun.update({
      where: { id },
      data: { exitCode, failureReason, finishedAt: new Date() },
    });
  }

  /** The products, the parsed report and the run's exit code 0, together or not at all. */
  async recordSuccess(
    run: RunRow,
    products: ProductWrite[],
    report: PipelineReportFields & { xmlPath: string },
  ): Promise<RunRow> {
    return this.db.$transaction(async (tx) => {
      await tx.product.createMany({
        data: products.map((p) => ({ ...p, ousId: run.ousId, runId: run.id, run: run.attempt })),
        skipDuplicates: true,
      });
      await tx.pipelineReport.upsert({
        where: { runId: run.id },
        update: {},
        create: {
          ousId: run.ousId,
          runId: run.id,
          run: run.attempt,
          proposalCode: report.proposalCode,
          ousStatusEntityId: report.ousStatusEntityId,
          reportDate: report.reportDate,
          processingTime: report.processingTime,
          casaVersion: report.casaVersion,
          pipelineVersion: report.pipelineVersion,
          finalScore: report.finalScore,
          datasetScore: report.scores.dataset,
          flaggingScore: report.scores.flagging,
          calibrationScore: report.scores.calibration,
          imagingScore: report.scores.imaging,
          xmlPath: report.xmlPath,
        },
      });
      return tx.pipelineRun.update({ where: { id: run.id }, data: { exitCode: 0, finishedAt: new Date() } });
    });
  }

  runByAttempt(ousId: string, attempt: number): Promise<RunRow | null> {
    return this.db.pipelineRun.findUnique({ where: { ousId_attempt: { ousId, attempt } } });
  }

  latestRun(ousId: string): Promise<RunRow | null> {
    return this.db.pipelineRun.findFirst({ where: { ousId }, orderBy: { attempt: 'desc' } });
  }

  latestSucceededRun(ousId: string): Promise<RunRow | null> {
    return this.db.pipelineRun.findFirst({ where: { ousId, exitCode: 0 }, orderBy: { attempt: 'desc' } });
  }

  /** True when the OUS's most recent run left a pipeline report (the QA2 reviewer's guard). */
  async latestRunHasReport(ousId: string): Promise<boolean> {
    const run = await this.db.pipelineRun.findFirst({
      where: { ousId },
      orderBy: { attempt: 'desc' },
      select: { report: { select: { id: true } } },
    });
    return Boolean(run?.report);
  }

  runsOf(ousIds: readonly string[]): Promise<RunRow[]> {
    return this.db.pipelineRun.findMany({
      where: { ousId: { in: [...ousIds] } },
      orderBy: [{ ousId: 'asc' }, { attempt: 'asc' }],
    });
  }

  reportsOf(ousIds: readonly string[]): Promise<ReportRow[]> {
    return this.db.pipelineReport.findMany({
      where: { ousId: { in: [...ousIds] } },
      orderBy: [{ ousId: 'asc' }, { run: 'asc' }],
    });
  }

  productsOf(ousIds: readonly string[]): Promise<ProductWithDocument[]> {
    return this.db.product.findMany({
      where: { ousId: { in: [...ousIds] } },
      orderBy: [{ ousId: 'asc' }, { run: 'asc' }, { id: 'asc' }],
      include: { document: { select: { fileId: true, archivedAt: true } } },
    });
  }

  productsOfRun(runId: bigint): Promise<ProductRow[]> {
    return this.db.product.findMany({ where: { runId }, orderBy: { id: 'asc' } });
  }

  markReplicated(productId: bigint, replicaPath: string): Promise<ProductRow> {
    return this.db.product.update({
      where: { id: productId },
      data: { replicaPath, replicatedAt: new Date() },
    });
  }
}
