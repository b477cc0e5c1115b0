import type { ProductWithDocument, ReportRow, RunRow } from './pipeline.repository.js';
import { PipelineReport } from './pipeline-report.type.js';
import { PipelineRun, PipelineRunStatus } from './pipeline-run.type.js';
import { Product, ProductKind } from './product.type.js';

/** Rows of the pipeline's tables as the API shows them. */
export function toRun(r: RunRow): PipelineRun {
  return {
    ousId: r.ousId,
    runId: r.id,
    run: r.attempt,
    executive: r.executive,
    status:
      r.exitCode === null
        ? PipelineRunStatus.RUNNING
        : r.exitCode === 0 && r.failureReason === null
          ? PipelineRunStatus.SUCCEEDED
          : PipelineRunStatus.FAILED,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    exitCode: r.exitCode,
    failureReason: r.failureReason,
    job: r.jobId ? { id: r.jobId, queue: r.queue } : null,
  };
}

export function toProduct(p: ProductWithDocument): Product {
  return {
    run: p.run,
    fileName: p.fileName,
    kind: p.kind,
    size: p.size,
    sha256: p.sha256,
    site: p.site,
    path: p.path,
    replicaPath: p.replicaPath,
    replicatedAt: p.replicatedAt,
    archiveFileId: p.document?.fileId ?? null,
    archivedAt: p.document?.archivedAt ?? null,
  };
}

export function toReport(r: ReportRow, products: ProductWithDocument[]): PipelineReport {
  const weblog = products.find((p) => p.runId === r.runId && p.kind === ProductKind.WEBLOG);
  return {
    run: r.run,
    proposalCode: r.proposalCode,
    ousStatusEntityId: r.ousStatusEntityId,
    reportDate: r.reportDate,
    processingTime: r.processingTime,
    casaVersion: r.casaVersion,
    pipelineVersion: r.pipelineVersion,
    finalScore: r.finalScore,
    scores: {
      dataset: r.datasetScore,
      flagging: r.flaggingScore,
      calibration: r.calibrationScore,
      imaging: r.imagingScore,
    },
    xmlPath: r.xmlPath,
    weblog: weblog ? toProduct(weblog) : null,
  };
}
