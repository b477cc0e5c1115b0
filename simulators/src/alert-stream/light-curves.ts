// Light curves of the ELAsTiCC taxonomy's classes, as true magnitudes per band over time, and how the
// survey sees them: difference fluxes in nJy against a template, with noise from each band's depth.

import { seededRandom } from '@opshub/subgraph-kit/seeded-random';

export const BANDS = ['u', 'g', 'r', 'i', 'z', 'Y'] as const;
export type Band = (typeof BANDS)[number];

/** The kit's seeded generator (mulberry32): a stream is the same from the same seed. */
export const seeded = seededRandom;

export function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** AB magnitude → flux in nJy (ELAsTiCC's psFlux unit). */
export const fluxOf = (mag: number): number => 10 ** ((31.4 - mag) / 2.5);

/** Single-visit 5σ depths of LSST per band (AB mag). */
const DEPTH: Record<Band, number> = { u: 23.8, g: 24.8, r: 24.4, i: 23.9, z: 23.3, Y: 22.5 };

/** A visit's measurement: difference flux and its error (nJy), and the signal to noise. */
export function observe(
  random: () => number,
  band: Band,
  trueFlux: number,
  templateFlux: number,
): { psFlux: number; psFluxErr: number; snr: number } {
  const sky = fluxOf(DEPTH[band]) / 5;
  const err = Math.sqrt(sky * sky + (0.01 * trueFlux) ** 2 + 0.02 * sky * Math.max(trueFlux, 0));
  const psFlux = trueFlux - templateFlux + err * gaussian(random);
  return { psFlux, psFluxErr: err, snr: psFlux / err };
}

/** Distance modulus for a redshift (flat ΛCDM, H0 70, Ωm 0.3; numerical integral). */
export function distanceModulus(z: number): number {
  const steps = 200;
  let integral = 0;
  for (let i = 0; i < steps; i++) {
    const zi = ((i + 0.5) / steps) * z;
    integral += 1 / Math.sqrt(0.3 * (1 + zi) ** 3 + 0.7);
  }
  const dlMpc = (1 + z) * (299_792.458 / 70) * (integral * (z / steps));
  return 5 * Math.log10(dlMpc * 1e6) - 5;
}

/** A class the stream simulates: its ELAsTiCC gentype and how its magnitude varies. */
export interface ClassModel {
  gentype: number;
  name: string;
  extragalactic: boolean;
  /** Days before the peak (or start) the object becomes observable, and after it, when it ends. */
  before: number;
  after: number;
  /** Builds one object's light curve: true magnitude per band at a time relative to its peak. */
  make(random: () => number, z: number): LightCurve;
}

export interface LightCurve {
  /** True magnitude at `t` days from the reference epoch. */
  mag(band: Band, t: number): number;
  /** The template's magnitude (the object's quiescent brightness); Infinity for a transient. */
  template(band: Band): number;
  /** Peak magnitude per band (for the truth). */
  peak: Record<Band, number>;
}

const BAND_INDEX: Record<Band, number> = { u: 0, g: 1, r: 2, i: 3, z: 4, Y: 5 };

/** A supernova-like rise and fall (Bazin), redder bands rising slower and fading slower. */
function bazin(absolute: number, rise: number, fall: number, colour: readonly number[]): ClassModel['make'] {
  return (random, z) => {
    const mu = distanceModulus(z);
    const peak0 = absolute + mu + 0.3 * gaussian(random);
    const stretch = (1 + z) * (0.9 + 0.2 * random());
    const peak = Object.fromEntries(BANDS.map((b) => [b, peak0 + colour[BAND_INDEX[b]]!])) as Record<
      Band,
      number
    >;
    return {
      peak,
      template: () => Infinity,
      mag: (band, t) => {
        const k = BAND_INDEX[band];
        const tr = rise * stretch * (1 + 0.1 * k);
        const tf = fall * stretch * (1 + 0.15 * k);
        const f = Math.exp(-t / tf) / (1 + Math.exp(-t / tr));
        const norm = Math.exp((-tr * Math.log(tf / tr - 1)) / tf) / (1 + 1 / (tf / tr - 1));
        return peak[band] - 2.5 * Math.log10(Math.max(f / norm, 1e-12));
      },
    };
  };
}

/** A periodic variable: mean magnitude, amplitude, period and a shape over the phase. */
function periodic(
  meanLo: number,
  meanHi: number,
  amplitude: number,
  periodLo: number,
  periodHi: number,
  shape: (phase: number) => number,
): ClassModel['make'] {
  return (random) => {
    const mean = meanLo + (meanHi - meanLo) * random();
    const period = periodLo + (periodHi - periodLo) * random();
    const phase0 = random();
    const mean0 = Object.fromEntries(BANDS.map((b) => [b, mean + 0.15 * (2 - BAND_INDEX[b])])) as Record<
      Band,
      number
    >;
    return {
      peak: Object.fromEntries(BANDS.map((b) => [b, mean0[b] - amplitude / 2])) as Record<Band, number>,
      template: (band) => mean0[band],
      mag: (band, t) => {
        const phase = (((t / period + phase0) % 1) + 1) % 1;
        const amp = amplitude * (1.2 - 0.12 * BAND_INDEX[band]);
        return mean0[band] + amp * (shape(phase) - 0.5);
      },
    };
  };
}

/** AGN: a damped random walk in magnitude (τ ~ 200 d), the same in every band with bluer bands wilder. */
const agn: ClassModel['make'] = (random, z) => {
  const mean = 20.5 + 1.5 * random() + Math.min(z, 2);
  const tau = 150 + 100 * random();
  const sigma = 0.25;
  const walk = new Map<number, number>();
  let last = { t: -Infinity, x: 0 };
  const at = (t: number): number => {
    const day = Math.round(t * 10) / 10;
    const known = walk.get(day);
    if (known !== undefined) return known;
    const dt = Math.max(day - last.t, 0);
    const decay = Number.isFinite(dt) ? Math.exp(-dt / tau) : 0;
    const x = last.x * decay + sigma * Math.sqrt(1 - decay * decay) * gaussian(random);
    walk.set(day, x);
    last = { t: day, x };
    return x;
  };
  return {
    peak: Object.fromEntries(BANDS.map((b) => [b, mean - 2 * sigma])) as Record<Band, number>,
    template: (band) => mean + 0.1 * BAND_INDEX[band],
    mag: (band, t) => mean + 0.1 * BAND_INDEX[band] + at(t) * (1.3 - 0.1 * BAND_INDEX[band]),
  };
};

/** An M-dwarf flare: a quiescent star that brightens in minutes and fades over hours, bluest most. */
const flare: ClassModel['make'] = (random) => {
  const quiet = 19 + 3 * random();
  const amp = 1.5 + 2 * random();
  return {
    peak: Object.fromEntries(BANDS.map((b) => [b, quiet - amp * (1 - 0.15 * BAND_INDEX[b])])) as Record<
      Band,
      number
    >,
    template: () => quiet,
    mag: (band, t) =>
      t < 0
        ? quiet
        : quiet -
          2.5 * Math.log10(1 + (10 ** (amp / 2.5) - 1) * (1 - 0.15 * BAND_INDEX[band]) * Math.exp(-t / 0.3)),
  };
};

/** The classes the demo stream draws from (gentypes of subgraphs/alerts/data/elasticc/taxonomy.csv), with weights. */
export const CLASS_MODELS: readonly (ClassModel & { weight: number })[] = [
  {
    gentype: 10,
    name: 'SN Ia',
    extragalactic: true,
    before: 40,
    after: 120,
    weight: 5,
    make: bazin(-19.3, 4, 28, [0.6, 0, 0, 0.2, 0.3, 0.4]),
  },
  {
    gentype: 30,
    name: 'SN II',
    extragalactic: true,
    before: 30,
    after: 150,
    weight: 3,
    make: bazin(-17.2, 3, 80, [0.4, 0, -0.1, -0.2, -0.2, -0.2]),
  },
  {
    gentype: 20,
    name: 'SN Ib/c',
    extragalactic: true,
    before: 30,
    after: 90,
    weight: 2,
    make: bazin(-17.6, 5, 18, [0.8, 0.2, 0, 0, 0.1, 0.2]),
  },
  {
    gentype: 50,
    name: 'KN',
    extragalactic: true,
    before: 5,
    after: 15,
    weight: 1,
    make: bazin(-16, 0.5, 2.5, [1.5, 0.8, 0.3, 0, -0.2, -0.3]),
  },
  { gentype: 60, name: 'AGN', extragalactic: true, before: 0, after: 200, weight: 2, make: agn },
  {
    gentype: 80,
    name: 'RR Lyrae',
    extragalactic: false,
    before: 0,
    after: 150,
    weight: 2,
    make: periodic(17, 20.5, 0.8, 0.45, 0.75, (p) => (p < 0.15 ? 1 - p / 0.15 : (p - 0.15) / 0.85)),
  },
  {
    gentype: 83,
    name: 'EB',
    extragalactic: false,
    before: 0,
    after: 150,
    weight: 2,
    make: periodic(16, 20, 0.7, 0.8, 5, (p) =>
      Math.abs(p - 0.25) < 0.05 || Math.abs(p - 0.75) < 0.04 ? 1 : 0,
    ),
  },
  {
    gentype: 90,
    name: 'Cepheid',
    extragalactic: false,
    before: 0,
    after: 150,
    weight: 1,
    make: periodic(15, 18, 0.9, 5, 30, (p) => 0.5 - 0.5 * Math.sin(2 * Math.PI * p)),
  },
  { gentype: 82, name: 'M-dwarf Flare', extragalactic: false, before: 10, after: 10, weight: 1, make: flare },
];
