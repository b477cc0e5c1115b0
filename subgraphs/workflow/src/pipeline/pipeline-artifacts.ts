import { ProductKind } from '@opshub/db/enums';
import { draw, seededBytes } from '../random/draw.js';
import { ousDirName } from '../store/product-store.js';
import { renderPipelineReport, type PipelineReportFields } from './pipeline-report.xml.js';
import { tarGz } from './weblog-archive.js';

/** One file a successful run leaves in the product store. */
export interface Artifact {
  fileName: string;
  kind: ProductKind;
  /** Relative to the run directory. */
  relPath: string;
  bytes: Buffer;
}

export interface RunArtifacts {
  files: Artifact[];
  report: PipelineReportFields;
}

export const DATA_PRODUCTS = 5;
const CASA_VERSION = '6.6.1-17';
const PIPELINE_VERSION = '2024.1.0.8';

function score(seed: string, ousId: string, run: number, topic: string): number {
  // Mostly good data (0.66–1.0), as in a pipeline that passes QA0.
  return Math.round((0.66 + 0.34 * draw(seed, 'score', ousId, run, topic)) * 1000) / 1000;
}

/** A FITS-looking header (80-character cards) followed by deterministic data bytes. */
function fitsLike(seed: string, ousId: string, run: number, index: number): Buffer {
  const cards = [
    'SIMPLE  =                    T',
    'BITPIX  =                  -32',
    'NAXIS   =                    2',
    `OBJECT  = '${ousDirName(ousId).slice(0, 40)}'`,
    `SPW     =                   ${16 + 2 * index}`,
    'END',
  ];
  const headerText = cards.map((c) => c.padEnd(80, ' ')).join('');
  const size = 2048 + 512 * index;
  return Buffer.concat([
    Buffer.from(headerText, 'ascii'),
    seededBytes(size - headerText.length, seed, 'fits', ousId, run, index),
  ]);
}

function weblogHtml(ousId: string, programId: string, run: number, report: PipelineReportFields): Buffer {
  const rows = Object.entries(report.scores)
    .map(([topic, s]) => `<tr><td>${topic}</td><td>${s ?? '—'}</td></tr>`)
    .join('');
  return Buffer.from(
    `<!doctype html><html><head><meta charset="utf-8"><title>Weblog ${ousId} run ${run}</title></head>` +
      `<body><h1>${programId} — ${ousId}</h1><p>Pipeline ${PIPELINE_VERSION}, CASA ${CASA_VERSION}, run ${run}.</p>` +
      `<p>Final score ${report.finalScore}</p><table>${rows}</table><p><a href="t1-1.html">Data sets</a></p></body></html>\n`,
  );
}

/**
 * What one successful run writes: five data products, a weblog archive and the pipeline report, all
 * deterministic for (seed, OUS, run) so tests can predict them.
 */
export function runArtifacts(
  seed: string,
  programId: string,
  ousId: string,
  run: number,
  processingSeconds: number,
  now: Date,
): RunArtifacts {
  const dir = ousDirName(ousId);
  const report: PipelineReportFields = {
    proposalCode: programId,
    ousStatusEntityId: ousId,
    reportDate: now,
    processingTime: processingSeconds,
    casaVersion: CASA_VERSION,
    pipelineVersion: PIPELINE_VERSION,
    finalScore: score(seed, ousId, run, 'final'),
    scores: {
      dataset: score(seed, ousId, run, 'dataset'),
      flagging: score(seed, ousId, run, 'flagging'),
      calibration: score(seed, ousId, run, 'calibration'),
      imaging: score(seed, ousId, run, 'imaging'),
    },
  };
  const files: Artifact[] = [];
  for (let i = 0; i < DATA_PRODUCTS; i++) {
    const fileName = `member.${dir}.spw${16 + 2 * i}.cont.I.pbcor.fits`;
    files.push({
      fileName,
      kind: ProductKind.DATA,
      relPath: `products/${fileName}`,
      bytes: fitsLike(seed, ousId, run, i),
    });
  }
  const weblogName = `${dir}.run${run}.weblog.tgz`;
  const weblogDir = `pipeline-run${run}/html`;
  files.push({
    fileName: weblogName,
    kind: ProductKind.WEBLOG,
    relPath: weblogName,
    bytes: tarGz(
      [
        { name: `${weblogDir}/index.html`, content: weblogHtml(ousId, programId, run, report) },
        {
          name: `${weblogDir}/t1-1.html`,
          content: Buffer.from(`<!doctype html><html><body><h1>Data sets of ${ousId}</h1></body></html>\n`),
        },
      ],
      Math.floor(now.getTime() / 1000),
    ),
  });
  const reportName = `${dir}.run${run}.pipeline_aquareport.xml`;
  files.push({
    fileName: reportName,
    kind: ProductKind.REPORT,
    relPath: reportName,
    bytes: Buffer.from(renderPipelineReport(report)),
  });
  return { files, report };
}
