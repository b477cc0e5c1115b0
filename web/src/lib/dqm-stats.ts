/** The element types of a DQM quantity's compact array (DqmQuantity.dtype). */
export type Dtype = 'f64' | 'f32' | 'i64' | 'u64' | 'i32' | 'u32' | 'i16' | 'u16' | 'i8' | 'u8' | 'bool';

const READERS: Record<Dtype, [number, (view: DataView, offset: number) => number]> = {
  f64: [8, (v, o) => v.getFloat64(o, true)],
  f32: [4, (v, o) => v.getFloat32(o, true)],
  i64: [8, (v, o) => Number(v.getBigInt64(o, true))],
  u64: [8, (v, o) => Number(v.getBigUint64(o, true))],
  i32: [4, (v, o) => v.getInt32(o, true)],
  u32: [4, (v, o) => v.getUint32(o, true)],
  i16: [2, (v, o) => v.getInt16(o, true)],
  u16: [2, (v, o) => v.getUint16(o, true)],
  i8: [1, (v, o) => v.getInt8(o)],
  u8: [1, (v, o) => v.getUint8(o)],
  bool: [1, (v, o) => (v.getUint8(o) ? 1 : 0)],
};

/**
 * A quantity's values from its compact array (`base64`: little-endian elements of `dtype`): about a
 * third of the bytes of the JSON numbers for a 1855 × 60 waveform image. 64-bit integers become
 * numbers (exact up to 2^53, far above any DQM count).
 */
export function decodeQuantity(base64: string, dtype: string): Float64Array {
  const reader = READERS[dtype as Dtype];
  if (!reader) throw new Error(`Cannot decode a ${dtype} array as numbers`);
  const [size, read] = reader;
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const view = new DataView(bytes.buffer);
  const out = new Float64Array(Math.floor(bytes.length / size));
  for (let i = 0; i < out.length; i++) out[i] = read(view, i * size);
  return out;
}

/** The p-th percentile (0–100) of sorted values, interpolated linearly between ranks (numpy's default). */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const rank = (Math.min(100, Math.max(0, p)) / 100) * (n - 1);
  const lo = Math.floor(rank);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

export interface Histogram {
  /** Left edge of each bin. */
  edges: number[];
  counts: number[];
  width: number;
  /** Values outside [min, max] (not counted in any bin). */
  outside: number;
}

/** Equal-width bins over [min, max]; the last bin includes max. Non-finite values are skipped. */
export function histogram(values: ArrayLike<number>, bins: number, min: number, max: number): Histogram {
  const n = Math.max(1, Math.floor(bins));
  const width = max > min ? (max - min) / n : 1;
  const counts = new Array<number>(n).fill(0);
  let outside = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    if (v < min || v > max) {
      outside++;
      continue;
    }
    const b = Math.min(n - 1, Math.floor((v - min) / width));
    counts[b]!++;
  }
  return { edges: counts.map((_, i) => min + i * width), counts, width, outside };
}

export interface WaveformBand {
  mean: number[];
  /** 2.5 % of the pixels lie below, per sample. */
  low: number[];
  /** 97.5 %. */
  high: number[];
}

/**
 * The camera's mean waveform and its 2.5–97.5 % band, per sample across pixels, from a pixels × samples
 * image in row-major order. Pixels in `skip` (bad ones: flat at 0) are left out.
 */
export function waveformBand(
  values: ArrayLike<number>,
  pixels: number,
  samples: number,
  skip: ReadonlySet<number> = new Set(),
): WaveformBand {
  const band: WaveformBand = { mean: [], low: [], high: [] };
  const column = new Float64Array(pixels);
  for (let s = 0; s < samples; s++) {
    let n = 0;
    let sum = 0;
    for (let p = 0; p < pixels; p++) {
      if (skip.has(p)) continue;
      const v = values[p * samples + s]!;
      if (!Number.isFinite(v)) continue;
      column[n++] = v;
      sum += v;
    }
    const sorted = column.subarray(0, n).sort();
    band.mean.push(n ? sum / n : NaN);
    band.low.push(percentile(sorted, 2.5));
    band.high.push(percentile(sorted, 97.5));
  }
  return band;
}

export interface BadPixelTimeline {
  /** Bad pixels in each time bin. */
  counts: number[];
  /** Every pixel bad in at least one bin, ascending. */
  pixels: number[];
}

/** A bins × pixels timeline (non-zero: bad in that bin) summed per bin. */
export function badPixelTimeline(values: ArrayLike<number>, bins: number, pixels: number): BadPixelTimeline {
  const counts: number[] = [];
  const ever = new Set<number>();
  for (let b = 0; b < bins; b++) {
    let n = 0;
    for (let p = 0; p < pixels; p++) {
      if (values[b * pixels + p]) {
        n++;
        ever.add(p);
      }
    }
    counts.push(n);
  }
  return { counts, pixels: [...ever].sort((a, b) => a - b) };
}

/** Pixel ids whose count is non-zero (a CAMERA-BADPIX quantity: events in which the pixel was bad). */
export function badPixels(values: ArrayLike<number>): Set<number> {
  const bad = new Set<number>();
  for (let i = 0; i < values.length; i++) if (values[i]) bad.add(i);
  return bad;
}
