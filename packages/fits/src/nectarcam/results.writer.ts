import { writeFits, type WriteHdu } from '../fits.writer.js';

/** NectarCAM: 265 modules × 7 pixels, 60 samples per waveform. */
export const NECTARCAM_PIXELS = 1855;
export const NECTARCAM_MODULES = 265;
export const NECTARCAM_SAMPLES = 60;

export interface NectarcamResultsOptions {
  /** Run number; the file does not hold it (it is in the file name), it seeds the values by default. */
  run: number;
  /** Seeds the values (default: the run number), so a run gives the same file every time. */
  seed?: number;
  /** Unix seconds of the run's first event. */
  startTime?: number;
  /** Physics / pedestal events in the run. */
  events?: number;
  /** Time bins of the bad-pixel timeline. */
  timelineBins?: number;
  /** Pixels reported bad in the run (deterministic from the seed when omitted). */
  badPixels?: number[];
}

const GAINS = ['HIGH', 'LOW'] as const;
const KINDS = ['PHY', 'PED'] as const;
const STATS = ['AVERAGE', 'MEDIAN', 'STD', 'RMS'] as const;

/**
 * A `NectarCAM_Run<N>_Results.fits` in the layout the NectarCAM DQM writes (astropy: an empty primary, one
 * HDU per quantity, EXTNAME the upper-cased key, one-column tables for arrays, a column per key for dicts,
 * Image HDUs for 2-D arrays), with plausible values. For the results simulator, tests and the benchmark.
 */
export function writeNectarcamResults(options: NectarcamResultsOptions): Buffer {
  const random = lcg(options.seed ?? options.run);
  const events = options.events ?? 12_000;
  const start = options.startTime ?? 1_733_000_000;
  const bins = options.timelineBins ?? 50;
  const bad = new Set(
    options.badPixels ?? Array.from({ length: 6 }, () => Math.floor(random() * NECTARCAM_PIXELS)),
  );
  const pixels = (f: (pixel: number) => number) =>
    Float64Array.from({ length: NECTARCAM_PIXELS }, (_, p) => f(p));
  const hdus: WriteHdu[] = [];
  const array = (key: string, data: Float64Array | Float32Array | BigInt64Array) =>
    hdus.push({ kind: 'bintable', name: key.toUpperCase(), columns: [{ name: key, data }] });
  const record = (key: string, columns: Record<string, Float64Array | BigInt64Array>) =>
    hdus.push({
      kind: 'bintable',
      name: key.toUpperCase(),
      columns: Object.entries(columns).map(([name, data]) => ({ name, data })),
    });

  const physical = Math.round(events * 0.9);
  record('TRIGGER-STATISTICS', {
    All: BigInt64Array.of(BigInt(events)),
    Physical: BigInt64Array.of(BigInt(physical)),
    Pedestals: BigInt64Array.of(BigInt(events - physical - 3)),
    Others: BigInt64Array.of(3n),
    'Wrong times': BigInt64Array.of(0n),
  });
  record('START-TIMES', {
    'Run start time': Float64Array.of(start - 2),
    'First event': Float64Array.of(start),
    'Last event': Float64Array.of(start + events / 100),
  });
  array('TRIGGER-TYPES', BigInt64Array.of(1n, 2n, 32n));

  for (const gain of GAINS) {
    const amplitude = gain === 'HIGH' ? 1 : 1 / 13;
    for (const kind of KINDS) {
      const signal = kind === 'PHY' ? 80 * amplitude : 0;
      const pulse = (s: number) => 250 + signal * Math.exp(-((s - 22) ** 2) / 18);
      const waveforms = new Float64Array(NECTARCAM_PIXELS * NECTARCAM_SAMPLES);
      for (let p = 0; p < NECTARCAM_PIXELS; p++) {
        const scale = bad.has(p) ? 0 : 0.9 + random() * 0.2;
        for (let s = 0; s < NECTARCAM_SAMPLES; s++) waveforms[p * NECTARCAM_SAMPLES + s] = pulse(s) * scale;
      }
      hdus.push({
        kind: 'image',
        name: `WF-${kind}-${gain}-GAIN`,
        shape: [NECTARCAM_PIXELS, NECTARCAM_SAMPLES],
        data: waveforms,
      });
      array(
        `WF-${kind}-AVERAGE-PIX-${gain}-GAIN`,
        Float64Array.from({ length: NECTARCAM_SAMPLES }, (_, s) => pulse(s)),
      );
      array(
        `CAMERA-AVERAGE-${kind}-OverEVENTS-OverSamp-${gain}-GAIN`,
        pixels((p) => (bad.has(p) ? 0 : 250 + signal / 4 + random() * 5)),
      );
      const section = kind === 'PHY' ? 'IMAGE' : 'PED';
      for (const stat of STATS) {
        array(
          `CHARGE-INTEGRATION-${section}-ALL-${stat}-${gain}-GAIN`,
          pixels(() =>
            stat === 'STD' || stat === 'RMS' ? 20 + random() * 5 : 4000 * amplitude + random() * 300,
          ),
        );
      }
      array(
        `CAMERA-BadPix-${kind}-OverEVENTS-${gain}-GAIN`,
        BigInt64Array.from({ length: NECTARCAM_PIXELS }, (_, p) => (bad.has(p) ? BigInt(events) : 0n)),
      );
      const timeline = new BigInt64Array(bins * NECTARCAM_PIXELS);
      for (let b = 0; b < bins; b++) for (const p of bad) timeline[b * NECTARCAM_PIXELS + p] = 1n;
      hdus.push({
        kind: 'image',
        name: `CAMERA-BADPIXTIMELINE-${kind}-${gain}-GAIN`,
        shape: [bins, NECTARCAM_PIXELS],
        data: timeline,
      });
    }
    array(
      `PED-INTEGRATION-ALL-AVERAGE-${gain}-GAIN`,
      pixels(() => 250 * 16 + random() * 40),
    );
  }
  array(
    'CAMERA-TEMPERATURE-AVERAGE-FEB',
    Float32Array.from({ length: NECTARCAM_MODULES }, () => 28 + random() * 4),
  );
  array(
    'PINGPONG-CHANGES',
    BigInt64Array.from({ length: NECTARCAM_PIXELS }, () => BigInt(Math.floor(random() * 3))),
  );
  return writeFits(hdus);
}

/** A small seeded generator (Park–Miller), enough for plausible, reproducible values. */
function lcg(seed: number): () => number {
  let state = (Math.abs(Math.floor(seed)) % 2147483646) + 1;
  return () => {
    state = (state * 48271) % 2147483647;
    return (state - 1) / 2147483646;
  };
}
