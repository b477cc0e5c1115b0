import { describe, expect, it } from 'vitest';
import {
  badPixels,
  badPixelTimeline,
  decodeQuantity,
  histogram,
  percentile,
  waveformBand,
} from './dqm-stats';

const base64 = (bytes: ArrayBuffer): string => btoa(String.fromCharCode(...new Uint8Array(bytes)));

describe('decodeQuantity', () => {
  it('reads little-endian arrays of every numeric dtype', () => {
    expect([...decodeQuantity(base64(Float64Array.of(1.5, -2, 1e300).buffer), 'f64')]).toEqual([
      1.5, -2, 1e300,
    ]);
    expect([...decodeQuantity(base64(Float32Array.of(0.5, 28.25).buffer), 'f32')]).toEqual([0.5, 28.25]);
    expect([...decodeQuantity(base64(BigInt64Array.of(12000n, -3n).buffer), 'i64')]).toEqual([12000, -3]);
    expect([...decodeQuantity(base64(Int16Array.of(-7, 300).buffer), 'i16')]).toEqual([-7, 300]);
    expect([...decodeQuantity(base64(Uint8Array.of(0, 1, 2).buffer), 'bool')]).toEqual([0, 1, 1]);
  });

  it('refuses text columns', () => {
    expect(() => decodeQuantity('', 'str')).toThrow('Cannot decode a str array');
  });
});

describe('percentile', () => {
  it('interpolates between ranks as numpy does', () => {
    const sorted = [1, 2, 3, 4];
    expect(percentile(sorted, 0)).toBe(1);
    expect(percentile(sorted, 100)).toBe(4);
    expect(percentile(sorted, 50)).toBe(2.5);
    expect(percentile(sorted, 2.5)).toBeCloseTo(1.075); // numpy.percentile([1,2,3,4], 2.5)
    expect(percentile(sorted, 97.5)).toBeCloseTo(3.925);
    expect(percentile([], 50)).toBeNaN();
  });
});

describe('histogram', () => {
  it('counts values in equal bins, the last one closed', () => {
    const h = histogram([0, 0.5, 1, 9.99, 10, 11, -1, NaN], 10, 0, 10);
    expect(h.width).toBe(1);
    expect(h.edges).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(h.counts).toEqual([2, 1, 0, 0, 0, 0, 0, 0, 0, 2]);
    expect(h.outside).toBe(2);
  });
});

describe('waveformBand', () => {
  it('gives the mean and the 2.5–97.5 % band per sample, bad pixels left out', () => {
    // 41 pixels × 2 samples: sample 0 holds 0…40, sample 1 holds 100; pixel 40 is bad (and huge).
    const pixels = 41;
    const values = new Float64Array(pixels * 2);
    for (let p = 0; p < pixels; p++) {
      values[p * 2] = p === 40 ? 1e6 : p;
      values[p * 2 + 1] = 100;
    }
    const band = waveformBand(values, pixels, 2, new Set([40]));
    expect(band.mean[0]).toBeCloseTo(19.5);
    expect(band.low[0]).toBeCloseTo(0.975); // 2.5 % of 0…39
    expect(band.high[0]).toBeCloseTo(38.025);
    expect(band.mean[1]).toBe(100);
    expect(band.low[1]).toBe(100);
    expect(band.high[1]).toBe(100);
  });
});

describe('bad pixels', () => {
  it('sums a bins × pixels timeline per bin and lists who was ever bad', () => {
    const tl = badPixelTimeline([1, 0, 0, 1, 0, 1, 0, 0, 0], 3, 3);
    expect(tl.counts).toEqual([1, 2, 0]);
    expect(tl.pixels).toEqual([0, 2]);
  });

  it('flags the pixels with a non-zero count', () => {
    expect([...badPixels([0, 12000, 0, 5])]).toEqual([1, 3]);
  });
});
