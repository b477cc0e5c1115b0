/** The fields of an ALMA `PipelineAquaReport` that the workflow keeps (domains.md §2). */
export interface PipelineReportFields {
  proposalCode: string;
  ousStatusEntityId: string;
  reportDate: Date;
  /** Seconds. */
  processingTime: number;
  casaVersion: string;
  pipelineVersion: string;
  finalScore: number;
  scores: {
    dataset: number | null;
    flagging: number | null;
    calibration: number | null;
    imaging: number | null;
  };
}

/** The per-topic scores, as the report names them. */
type Topic = 'Dataset' | 'Flagging' | 'Calibration' | 'Imaging';

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function unescape(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** The report as the pipeline writes it next to the products. */
export function renderPipelineReport(r: PipelineReportFields): string {
  const topic = (name: Topic, score: number | null): string =>
    score === null ? '' : `    <Topic Name="${name}"><Score>${score.toFixed(3)}</Score></Topic>\n`;
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<PipelineAquaReport>\n` +
    `  <ProposalCode>${escape(r.proposalCode)}</ProposalCode>\n` +
    `  <OusStatusEntityId>${escape(r.ousStatusEntityId)}</OusStatusEntityId>\n` +
    `  <ReportDate>${r.reportDate.toISOString()}</ReportDate>\n` +
    `  <ProcessingTime>${r.processingTime.toFixed(1)}</ProcessingTime>\n` +
    `  <CasaVersion>${escape(r.casaVersion)}</CasaVersion>\n` +
    `  <PipelineVersion>${escape(r.pipelineVersion)}</PipelineVersion>\n` +
    `  <FinalScore>${r.finalScore.toFixed(3)}</FinalScore>\n` +
    `  <TopicScores>\n` +
    topic('Dataset', r.scores.dataset) +
    topic('Flagging', r.scores.flagging) +
    topic('Calibration', r.scores.calibration) +
    topic('Imaging', r.scores.imaging) +
    `  </TopicScores>\n` +
    `</PipelineAquaReport>\n`
  );
}

export class PipelineReportParseError extends Error {
  override readonly name = 'PipelineReportParseError';
}

function element(xml: string, name: string): string {
  const match = new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml);
  if (!match) throw new PipelineReportParseError(`PipelineAquaReport has no <${name}>`);
  return unescape(match[1]!.trim());
}

function number(xml: string, name: string): number {
  const value = Number(element(xml, name));
  if (!Number.isFinite(value)) throw new PipelineReportParseError(`<${name}> is not a number`);
  return value;
}

function topicScore(xml: string, name: Topic): number | null {
  const match = new RegExp(`<Topic Name="${name}">\\s*<Score>([^<]*)</Score>`).exec(xml);
  if (!match) return null;
  const value = Number(match[1]);
  return Number.isFinite(value) ? value : null;
}

/** Reads the fields back from the XML (the only producer is ours, so a small reader suffices). */
export function parsePipelineReport(xml: string): PipelineReportFields {
  if (!xml.includes('<PipelineAquaReport>')) throw new PipelineReportParseError('Not a PipelineAquaReport');
  const reportDate = new Date(element(xml, 'ReportDate'));
  if (Number.isNaN(reportDate.getTime())) throw new PipelineReportParseError('<ReportDate> is not a date');
  return {
    proposalCode: element(xml, 'ProposalCode'),
    ousStatusEntityId: element(xml, 'OusStatusEntityId'),
    reportDate,
    processingTime: number(xml, 'ProcessingTime'),
    casaVersion: element(xml, 'CasaVersion'),
    pipelineVersion: element(xml, 'PipelineVersion'),
    finalScore: number(xml, 'FinalScore'),
    scores: {
      dataset: topicScore(xml, 'Dataset'),
      flagging: topicScore(xml, 'Flagging'),
      calibration: topicScore(xml, 'Calibration'),
      imaging: topicScore(xml, 'Imaging'),
    },
  };
}
