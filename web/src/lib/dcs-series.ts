/**
 * Chart ranges and bucket widths for the DCS readings, and how live readings join a bucketed series.
 * The server aligns buckets on the Unix epoch (`floor(at / bucket) * bucket`), so a live reading can be
 * folded into the same bucket the next `series` read would put it in.
 */

export interface RangeChoice {
  id: string;
  label: string;
  seconds: number;
}

export const RANGES: readonly RangeChoice[] = [
  { id: '15m', label: '15 min', seconds: 15 * 60 },
  { id: '1h', label: '1 h', seconds: 3600 },
  { id: '6h', label: '6 h', seconds: 6 * 3600 },
  { id: '24h', label: '24 h', seconds: 24 * 3600 },
];

/** Widths a person reads easily on an axis; the chiller polls every 5 s, so nothing finer. */
const NICE = [5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600];

/** The smallest nice bucket that keeps the chart under `maxPoints` (≈ one point per 2–3 px of a card). */
export function bucketSecondsFor(rangeSeconds: number, maxPoints = 360): number {
  const wanted = rangeSeconds / maxPoints;
  return NICE.find((n) => n >= wanted) ?? Math.ceil(wanted);
}

export interface SeriesPoint {
  /** Bucket start, ms since the epoch. */
  t: number;
  min: number;
  max: number;
  avg: number;
  count: number;
}

/**
 * Adds one reading to a series (sorted, oldest first): into its bucket when that exists, else as a
 * new bucket in order. Drops buckets older than `rangeSeconds` before `now`. Returns a new array.
 */
export function addReading(
  points: readonly SeriesPoint[],
  reading: { at: number; value: number },
  bucketSeconds: number,
  rangeSeconds: number,
  now: number,
): SeriesPoint[] {
  const width = bucketSeconds * 1000;
  const t = Math.floor(reading.at / width) * width;
  const from = now - rangeSeconds * 1000;
  const out = points.filter((p) => p.t + width > from);
  if (reading.at < from) return out;
  const i = out.findIndex((p) => p.t >= t);
  const existing = i >= 0 ? out[i] : undefined;
  if (existing && existing.t === t) {
    const count = existing.count + 1;
    out[i] = {
      t,
      min: Math.min(existing.min, reading.value),
      max: Math.max(existing.max, reading.value),
      avg: existing.avg + (reading.value - existing.avg) / count,
      count,
    };
  } else {
    const fresh = { t, min: reading.value, max: reading.value, avg: reading.value, count: 1 };
    if (i < 0) out.push(fresh);
    else out.splice(i, 0, fresh);
  }
  return out;
}

/** The metrics worth a chart per device kind, in the order the picker lists them. */
export const CHART_METRICS: Record<string, readonly string[]> = {
  CHILLER: ['temperature', 'externalTemperature', 'setpoint', 'power'],
  POWER_SUPPLY_CHANNEL: ['vMon', 'iMon', 'temperature'],
  SENSOR: ['BME/temp', 'BME/humi', 'BME/dew', 'SCD30/co2'],
};
