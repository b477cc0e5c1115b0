import { describe, expect, it } from 'vitest';
import {
  parsePipelineReport,
  renderPipelineReport,
  type PipelineReportFields,
} from './pipeline-report.xml.js';

const REPORT: PipelineReportFields = {
  proposalCode: '2015.1.00657.S',
  ousStatusEntityId: 'uid://X1/X1/Xb0',
  reportDate: new Date('2026-11-22T10:00:00.000Z'),
  processingTime: 3.5,
  casaVersion: '6.6.1-17',
  pipelineVersion: '2024.1.0.8',
  finalScore: 0.873,
  scores: { dataset: 0.9, flagging: 0.811, calibration: 0.95, imaging: null },
};

describe('PipelineAquaReport XML', () => {
  it('reads back every field it writes, a missing topic as null', () => {
    const xml = renderPipelineReport(REPORT);
    expect(xml).toContain('<PipelineAquaReport>');
    expect(xml).toContain('<OusStatusEntityId>uid://X1/X1/Xb0</OusStatusEntityId>');
    expect(parsePipelineReport(xml)).toEqual(REPORT);
  });

  it('escapes markup in text fields', () => {
    const xml = renderPipelineReport({ ...REPORT, casaVersion: '6.6 <beta> & "rc"' });
    expect(parsePipelineReport(xml).casaVersion).toBe('6.6 <beta> & "rc"');
  });

  it('names the element a broken report lacks', () => {
    const xml = renderPipelineReport(REPORT).replace(/<FinalScore>.*<\/FinalScore>/, '');
    expect(() => parsePipelineReport(xml)).toThrow(/<FinalScore>/);
    expect(() => parsePipelineReport('<html/>')).toThrow(/Not a PipelineAquaReport/);
  });
});
