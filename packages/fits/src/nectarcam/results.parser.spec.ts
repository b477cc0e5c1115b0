import { describe, expect, it } from 'vitest';
import { binTable, card, concat, emptyPrimary, image } from '../../test/independent-fits.js';
import { FitsError } from '../fits.error.js';
import { fromValues, type ArrayValues } from './quantity-values.js';
import {
  parseNectarcamResults,
  splitGain,
  type ArrayQuantity,
  type Quantity,
  type RecordQuantity,
} from './results.parser.js';
import { NECTARCAM_PIXELS, writeNectarcamResults } from './results.writer.js';

const PIX = 1855;
const range = (n: number, f: (i: number) => number) => Array.from({ length: n }, (_, i) => f(i));
const average = range(PIX, (p) => 250 + p / 1000);
const badPix = Array.from({ length: PIX }, (_, p) => (p % 100 === 0 ? 2n ** 53n + 1n : 0n));
const waveforms = range(PIX * 60, (i) => 250 + Math.sin(i / 60));

/** A results file in the real NectarCAM layout (astropy's way), written by the independent test writer. */
function resultsFile(): Buffer {
  return concat([
    emptyPrimary(),
    binTable('TRIGGER-STATISTICS', [
      { name: 'All', tform: 'K', rows: [12000n] },
      { name: 'Physical', tform: 'K', rows: [10800n] },
      { name: 'Wrong times', tform: 'K', rows: [0n] },
    ]),
    binTable('START-TIMES', [
      { name: 'Run start time', tform: 'D', rows: [1733000000.25] },
      { name: 'First event', tform: 'D', rows: [1733000001.5] },
    ]),
    binTable('CAMERA-AVERAGE-PHY-OVEREVENTS-OVERSAMP-HIGH-GAIN', [
      { name: 'CAMERA-AVERAGE-PHY-OverEVENTS-OverSamp-HIGH-GAIN', tform: 'D', rows: average },
    ]),
    binTable('CAMERA-BADPIX-PHY-OVEREVENTS-LOW-GAIN', [
      { name: 'CAMERA-BadPix-PHY-OverEVENTS-LOW-GAIN', tform: 'K', rows: badPix },
    ]),
    binTable('WF-PED-AVERAGE-PIX-LOW-GAIN', [
      { name: 'WF-PED-AVERAGE-PIX-LOW-GAIN', tform: 'E', unit: 'adc', rows: range(60, (s) => 250 + s / 4) },
    ]),
    // What astropy writes for a 2-D array put in a Table: one row per pixel, a 60-element column.
    binTable('WF-PHY-TABLE-HIGH-GAIN', [
      {
        name: 'WF-PHY-TABLE-HIGH-GAIN',
        tform: '60D',
        rows: Array.from({ length: PIX }, (_, p) => waveforms.slice(p * 60, p * 60 + 60)),
      },
    ]),
    image('WF-PHY-HIGH-GAIN', -64, [60, PIX], waveforms),
    image(
      'CAMERA-BADPIXTIMELINE-PHY-HIGH-GAIN',
      64,
      [PIX, 3],
      range(PIX * 3, (i) => (i % 7 === 0 ? 1 : 0)),
    ),
    binTable('PINGPONG-CHANGES', [{ name: 'PINGPONG-CHANGES', tform: 'K', rows: [1n, 0n] }], {
      extra: [card('COMMENT', undefined)],
    }),
  ]);
}

const byExt = (qs: Quantity[], extname: string) => qs.find((q) => q.extname === extname)!;
const values = (q: Quantity) => (q as ArrayQuantity).values as ArrayValues;

describe('parseNectarcamResults', () => {
  const { quantities } = parseNectarcamResults(resultsFile());

  it('one quantity per extension: key without gain suffix, gain, shape, the label in its written case', () => {
    expect(quantities.map((q) => [q.key, q.gain, q.kind])).toEqual([
      ['TRIGGER-STATISTICS', null, 'record'],
      ['START-TIMES', null, 'record'],
      ['CAMERA-AVERAGE-PHY-OVEREVENTS-OVERSAMP', 'HIGH', 'array'],
      ['CAMERA-BADPIX-PHY-OVEREVENTS', 'LOW', 'array'],
      ['WF-PED-AVERAGE-PIX', 'LOW', 'array'],
      ['WF-PHY-TABLE', 'HIGH', 'array'],
      ['WF-PHY', 'HIGH', 'array'],
      ['CAMERA-BADPIXTIMELINE-PHY', 'HIGH', 'array'],
      ['PINGPONG-CHANGES', null, 'array'],
    ]);
    const avg = byExt(quantities, 'CAMERA-AVERAGE-PHY-OVEREVENTS-OVERSAMP-HIGH-GAIN');
    expect(avg.label).toBe('CAMERA-AVERAGE-PHY-OverEVENTS-OverSamp');
    expect(values(avg)).toMatchObject({ dtype: 'f64', shape: [PIX] });
  });

  it('values are one compact little-endian array with a dtype, not a row per value', () => {
    const avg = values(byExt(quantities, 'CAMERA-AVERAGE-PHY-OVEREVENTS-OVERSAMP-HIGH-GAIN'));
    expect(avg.bytes.length).toBe(PIX * 8);
    expect(avg.bytes.readDoubleLE(8 * 1000)).toBe(average[1000]);
    expect(fromValues(avg)).toEqual(Float64Array.from(average));
    const bad = values(byExt(quantities, 'CAMERA-BADPIX-PHY-OVEREVENTS-LOW-GAIN'));
    expect(bad.dtype).toBe('i64');
    expect(bad.bytes.readBigInt64LE(0)).toBe(2n ** 53n + 1n);
    const wf = values(byExt(quantities, 'WF-PED-AVERAGE-PIX-LOW-GAIN'));
    expect(wf).toMatchObject({ dtype: 'f32', shape: [60] });
    expect((byExt(quantities, 'WF-PED-AVERAGE-PIX-LOW-GAIN') as ArrayQuantity).unit).toBe('adc');
  });

  it('2-D arrays: the Image HDU (60 × 1855, BITPIX -64 and 64) and a repeat column give [1855, 60]', () => {
    const image2d = values(byExt(quantities, 'WF-PHY-HIGH-GAIN'));
    expect(image2d).toMatchObject({ dtype: 'f64', shape: [PIX, 60] });
    expect(image2d.bytes.readDoubleLE(8 * (60 * 1234 + 17))).toBe(waveforms[60 * 1234 + 17]);
    const table2d = values(byExt(quantities, 'WF-PHY-TABLE-HIGH-GAIN'));
    expect(table2d).toMatchObject({ dtype: 'f64', shape: [PIX, 60] });
    expect(table2d.bytes.equals(image2d.bytes)).toBe(true);
    const timeline = values(byExt(quantities, 'CAMERA-BADPIXTIMELINE-PHY-HIGH-GAIN'));
    expect(timeline).toMatchObject({ dtype: 'i64', shape: [3, PIX] });
    expect([...(fromValues(timeline) as BigInt64Array).slice(0, 8)]).toEqual([
      1n,
      0n,
      0n,
      0n,
      0n,
      0n,
      0n,
      1n,
    ]);
  });

  it('dicts keep a column per key', () => {
    const stats = byExt(quantities, 'TRIGGER-STATISTICS') as RecordQuantity;
    expect(Object.keys(stats.columns)).toEqual(['All', 'Physical', 'Wrong times']);
    expect(stats.columns.All).toMatchObject({ dtype: 'i64', shape: [1] });
    expect((stats.columns.All as ArrayValues).bytes.readBigInt64LE(0)).toBe(12000n);
    const times = byExt(quantities, 'START-TIMES') as RecordQuantity;
    expect((times.columns['Run start time'] as ArrayValues).bytes.readDoubleLE(0)).toBe(1733000000.25);
  });

  it('refuses an extension without EXTNAME and a primary with data, as FitsError', () => {
    const noName = concat([emptyPrimary(), binTable(undefined, [{ name: 'x', tform: 'D', rows: [1] }])]);
    expect(() => parseNectarcamResults(noName)).toThrow(FitsError);
    expect(() => parseNectarcamResults(noName)).toThrow(/NOT_A_RESULTS_FILE.*HDU 1/);
    const primaryData = image(undefined, 8, [2], [1, 2], { primary: true });
    expect(() => parseNectarcamResults(primaryData)).toThrow(/NOT_A_RESULTS_FILE/);
  });

  it('splitGain', () => {
    expect(splitGain('WF-PHY-HIGH-GAIN')).toEqual({ base: 'WF-PHY', gain: 'HIGH' });
    expect(splitGain('x-low-gain')).toEqual({ base: 'x', gain: 'LOW' });
    expect(splitGain('TRIGGER-TYPES')).toEqual({ base: 'TRIGGER-TYPES', gain: null });
  });
});

describe('writeNectarcamResults (for the simulator and the benchmark)', () => {
  it('writes every key family in the real layout, read back by the parser', () => {
    const file = writeNectarcamResults({ run: 6000, badPixels: [3, 1854] });
    expect(writeNectarcamResults({ run: 6000, badPixels: [3, 1854] }).equals(file)).toBe(true);
    const { quantities } = parseNectarcamResults(file);
    const keys = new Set(quantities.map((q) => `${q.key}${q.gain ? `/${q.gain}` : ''}`));
    for (const key of [
      'TRIGGER-STATISTICS',
      'START-TIMES',
      'TRIGGER-TYPES',
      'WF-PHY/HIGH',
      'WF-PED/LOW',
      'WF-PHY-AVERAGE-PIX/LOW',
      'CAMERA-AVERAGE-PED-OVEREVENTS-OVERSAMP/HIGH',
      'CHARGE-INTEGRATION-IMAGE-ALL-MEDIAN/LOW',
      'CHARGE-INTEGRATION-PED-ALL-RMS/HIGH',
      'PED-INTEGRATION-ALL-AVERAGE/HIGH',
      'CAMERA-BADPIX-PHY-OVEREVENTS/HIGH',
      'CAMERA-BADPIXTIMELINE-PED/LOW',
      'CAMERA-TEMPERATURE-AVERAGE-FEB',
      'PINGPONG-CHANGES',
    ]) {
      expect(keys, key).toContain(key);
    }
    const wf = values(quantities.find((q) => q.key === 'WF-PHY' && q.gain === 'HIGH')!);
    expect(wf).toMatchObject({ dtype: 'f64', shape: [NECTARCAM_PIXELS, 60] });
    const bad = fromValues(
      values(quantities.find((q) => q.key === 'CAMERA-BADPIX-PHY-OVEREVENTS' && q.gain === 'LOW')!),
    );
    expect([...(bad as BigInt64Array)].flatMap((v, p) => (v > 0n ? [p] : []))).toEqual([3, 1854]);
  });
});
