import { describe, expect, it } from 'vitest';
import { addReading, bucketSecondsFor, RANGES } from './dcs-series';

describe('bucketSecondsFor', () => {
  it('keeps every range under ~360 points with a readable width', () => {
    expect(RANGES.map((r) => bucketSecondsFor(r.seconds))).toEqual([5, 10, 60, 300]);
    for (const r of RANGES) expect(r.seconds / bucketSecondsFor(r.seconds)).toBeLessThanOrEqual(360);
    expect(bucketSecondsFor(60)).toBe(5);
    expect(bucketSecondsFor(30 * 24 * 3600)).toBe(7200);
  });
});

describe('addReading', () => {
  const now = 1_000_000_000;
  it('folds a reading into its epoch-aligned bucket', () => {
    const one = addReading([], { at: now - 3_000, value: 10 }, 10, 900, now);
    expect(one).toEqual([{ t: now - 10_000, min: 10, max: 10, avg: 10, count: 1 }]);
    const two = addReading(one, { at: now - 1_000, value: 20 }, 10, 900, now);
    expect(two).toEqual([{ t: now - 10_000, min: 10, max: 20, avg: 15, count: 2 }]);
    expect(one[0]!.count).toBe(1);
  });

  it('keeps buckets in order and drops those out of range', () => {
    const old = { t: now - 1_000_000, min: 1, max: 1, avg: 1, count: 1 };
    const late = { t: now, min: 3, max: 3, avg: 3, count: 1 };
    const out = addReading([old, late], { at: now - 5_000, value: 2 }, 5, 900, now);
    expect(out.map((p) => p.avg)).toEqual([2, 3]);
    expect(addReading([], { at: now - 2_000_000, value: 1 }, 5, 900, now)).toEqual([]);
  });
});
