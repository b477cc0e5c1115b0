import { gunzipSync } from 'node:zlib';
import { ProductKind } from '@opshub/db/enums';
import { describe, expect, it } from 'vitest';
import { DATA_PRODUCTS, runArtifacts } from './pipeline-artifacts.js';
import { parsePipelineReport } from './pipeline-report.xml.js';

const NOW = new Date('2026-11-22T10:00:00.000Z');

describe('pipeline artifacts', () => {
  it('are five data products of a few KB, a weblog archive and the report', () => {
    const { files, report } = runArtifacts('seed', '2015.1.00657.S', 'uid://X1/X1/Xb0', 1, 2.5, NOW);
    expect(files.filter((f) => f.kind === ProductKind.DATA)).toHaveLength(DATA_PRODUCTS);
    for (const f of files.filter((f) => f.kind === ProductKind.DATA)) {
      expect(f.bytes.length).toBeGreaterThanOrEqual(2048);
      expect(f.bytes.subarray(0, 6).toString('ascii')).toBe('SIMPLE');
      expect(f.relPath).toBe(`products/${f.fileName}`);
    }
    const xml = files.find((f) => f.kind === ProductKind.REPORT)!;
    expect(parsePipelineReport(xml.bytes.toString('utf8'))).toEqual(report);
    expect(report).toMatchObject({
      proposalCode: '2015.1.00657.S',
      ousStatusEntityId: 'uid://X1/X1/Xb0',
      processingTime: 2.5,
    });
  });

  it('packs the weblog as a tar.gz whose entries are the HTML pages', () => {
    const { files } = runArtifacts('seed', '2015.1.00657.S', 'uid://X1/X1/Xb0', 2, 1, NOW);
    const tar = gunzipSync(files.find((f) => f.kind === ProductKind.WEBLOG)!.bytes);
    expect(tar.length % 512).toBe(0);
    expect(tar.subarray(0, 100).toString('utf8').replace(/\0+$/, '')).toBe('pipeline-run2/html/index.html');
    expect(tar.subarray(257, 262).toString('ascii')).toBe('ustar');
    const size = Number.parseInt(tar.subarray(124, 135).toString('ascii'), 8);
    expect(tar.subarray(512, 512 + size).toString('utf8')).toContain('uid://X1/X1/Xb0');
  });

  it('are the same bytes for the same seed, OUS and run, and differ for another run', () => {
    const a = runArtifacts('seed', 'P', 'uid://X1/X1/Xb0', 1, 1, NOW).files[0]!.bytes;
    const b = runArtifacts('seed', 'P', 'uid://X1/X1/Xb0', 1, 1, NOW).files[0]!.bytes;
    const c = runArtifacts('seed', 'P', 'uid://X1/X1/Xb0', 2, 1, NOW).files[0]!.bytes;
    expect(a.equals(b)).toBe(true);
    expect(a.equals(c)).toBe(false);
  });
});
