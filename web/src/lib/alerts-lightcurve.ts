/** An object's light curve shaped for uPlot: one series per band and kind (detection or forced). */

/** LSST bands in wavelength order. */
export const BANDS = ['u', 'g', 'r', 'i', 'z', 'Y'] as const;

/** Band colours, blue to red (the usual LSST plotting convention). */
export const BAND_COLOURS: Record<string, string> = {
  u: '#7b3fbf',
  g: '#2ca02c',
  r: '#d62728',
  i: '#ff7f0e',
  z: '#8c564b',
  Y: '#4d4d4d',
};

export interface LightCurveColumns {
  mjd: number[];
  filterName: string[];
  psFlux: number[];
  psFluxErr: number[];
  forced: boolean[];
}

export interface BandSeries {
  band: string;
  forced: boolean;
  colour: string;
  /** Points of this band and kind. */
  count: number;
}

export interface LightCurvePlotData {
  /** Every MJD of the curve, ascending. */
  x: number[];
  series: BandSeries[];
  /** Per series, its flux at each x (null where it has no point). */
  y: (number | null)[][];
  /** Per series, the flux uncertainty at each x. */
  err: (number | null)[][];
}

/** Per band: detections and forced points (the summary beside the plot). */
export interface BandCount {
  band: string;
  colour: string;
  detections: number;
  forced: number;
}

const bandRank = (band: string): number => {
  const i = (BANDS as readonly string[]).indexOf(band);
  return i < 0 ? BANDS.length : i;
};

/** The columns of `lightCurve` as aligned uPlot series, bands in wavelength order, detections first. */
export function lightCurvePlot(c: LightCurveColumns): LightCurvePlotData {
  const x = [...new Set(c.mjd)].sort((a, b) => a - b);
  const at = new Map(x.map((v, i) => [v, i]));
  const keys = [...new Set(c.filterName.map((band, i) => `${band}\u0000${c.forced[i] ? 1 : 0}`))]
    .map((k) => {
      const [band = '', forced = '0'] = k.split('\u0000');
      return { band, forced: forced === '1' };
    })
    .sort(
      (a, b) =>
        bandRank(a.band) - bandRank(b.band) ||
        a.band.localeCompare(b.band) ||
        Number(a.forced) - Number(b.forced),
    );
  const index = new Map(keys.map((k, i) => [`${k.band}\u0000${k.forced ? 1 : 0}`, i]));
  const y = keys.map(() => x.map((): number | null => null));
  const err = keys.map(() => x.map((): number | null => null));
  const counts = keys.map(() => 0);
  for (let i = 0; i < c.mjd.length; i++) {
    const s = index.get(`${c.filterName[i]}\u0000${c.forced[i] ? 1 : 0}`)!;
    const j = at.get(c.mjd[i]!)!;
    y[s]![j] = c.psFlux[i]!;
    err[s]![j] = c.psFluxErr[i]!;
    counts[s]!++;
  }
  return {
    x,
    series: keys.map((k, i) => ({ ...k, colour: BAND_COLOURS[k.band] ?? '#1f6feb', count: counts[i]! })),
    y,
    err,
  };
}

/** Detections and forced points per band, bands in wavelength order. */
export function bandCounts(c: LightCurveColumns): BandCount[] {
  const counts = new Map<string, BandCount>();
  c.filterName.forEach((band, i) => {
    const row = counts.get(band) ?? {
      band,
      colour: BAND_COLOURS[band] ?? '#1f6feb',
      detections: 0,
      forced: 0,
    };
    if (c.forced[i]) row.forced++;
    else row.detections++;
    counts.set(band, row);
  });
  return [...counts.values()].sort((a, b) => bandRank(a.band) - bandRank(b.band));
}
