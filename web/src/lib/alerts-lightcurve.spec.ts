import { describe, expect, it } from 'vitest';
import { BAND_COLOURS, bandCounts, lightCurvePlot } from './alerts-lightcurve';

const columns = {
  mjd: [60001, 60000, 60001, 60002, 60003],
  filterName: ['r', 'g', 'g', 'r', 'r'],
  psFlux: [10, 20, 30, 40, 50],
  psFluxErr: [1, 2, 3, 4, 5],
  forced: [false, false, true, true, false],
};

describe('light curve for uPlot', () => {
  it('aligns every band and kind on the sorted MJDs, bands in wavelength order, detections first', () => {
    const plot = lightCurvePlot(columns);
    expect(plot.x).toEqual([60000, 60001, 60002, 60003]);
    expect(plot.series.map((s) => [s.band, s.forced, s.count])).toEqual([
      ['g', false, 1],
      ['g', true, 1],
      ['r', false, 2],
      ['r', true, 1],
    ]);
    expect(plot.y).toEqual([
      [20, null, null, null],
      [null, 30, null, null],
      [null, 10, null, 50],
      [null, null, 40, null],
    ]);
    expect(plot.err[2]).toEqual([null, 1, null, 5]);
    expect(plot.series[0]!.colour).toBe(BAND_COLOURS['g']);
  });

  it('counts detections and forced points per band', () => {
    expect(bandCounts(columns)).toEqual([
      { band: 'g', colour: BAND_COLOURS['g'], detections: 1, forced: 1 },
      { band: 'r', colour: BAND_COLOURS['r'], detections: 2, forced: 1 },
    ]);
  });

  it('draws nothing for an empty curve', () => {
    const empty = lightCurvePlot({ mjd: [], filterName: [], psFlux: [], psFluxErr: [], forced: [] });
    expect(empty).toEqual({ x: [], series: [], y: [], err: [] });
  });
});
