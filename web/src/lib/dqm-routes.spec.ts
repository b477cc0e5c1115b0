import { describe, expect, it } from 'vitest';
import { dqmRunHref, dqmRunsPath, dqmSquarePath, inRunRange, NO_FILTER } from './dqm-routes';
import { parseRoute } from './routes';

describe('DQM routes', () => {
  it('opens the four DQM pages', () => {
    expect(parseRoute('/dqm')).toEqual({ name: 'dqm-runs', filter: NO_FILTER });
    expect(parseRoute('/dqm/square')).toEqual({ name: 'dqm-square', cluster: 'PRODUCTION' });
    expect(parseRoute('/dqm/square?cluster=PLAYBACK')).toEqual({ name: 'dqm-square', cluster: 'PLAYBACK' });
    expect(parseRoute('/dqm/square?cluster=nonsense')).toEqual({ name: 'dqm-square', cluster: 'PRODUCTION' });
    expect(parseRoute('/dqm/control')).toEqual({ name: 'dqm-control' });
    expect(parseRoute('/dqm/run/NectarCAMQM/7001')).toEqual({
      name: 'dqm-run',
      camera: 'NectarCAMQM',
      runNumber: 7001,
    });
    expect(parseRoute('/dqm/run/NectarCAMQM/x')).toEqual({
      name: 'not-found',
      path: '/dqm/run/NectarCAMQM/x',
    });
    expect(parseRoute('/dqmx')).toEqual({ name: 'not-found', path: '/dqmx' });
  });

  it('round-trips the runs filter through the URL', () => {
    const filter = { camera: 'NectarCAM2', from: 7000, to: 7100, onlyBad: true, badAbove: 5 };
    expect(dqmRunsPath(filter)).toBe('/dqm?camera=NectarCAM2&from=7000&to=7100&bad=1&above=5');
    expect(parseRoute(dqmRunsPath(filter))).toEqual({ name: 'dqm-runs', filter });
    expect(dqmRunsPath(NO_FILTER)).toBe('/dqm');
    // Hand-typed junk is ignored, not a crash.
    expect(parseRoute('/dqm?from=abc&to=-3&above=x')).toEqual({ name: 'dqm-runs', filter: NO_FILTER });
  });

  it('links runs and clusters', () => {
    expect(dqmRunHref('NectarCAM 2', 12)).toBe('#/dqm/run/NectarCAM%202/12');
    expect(parseRoute(dqmRunHref('NectarCAM 2', 12).slice(1))).toEqual({
      name: 'dqm-run',
      camera: 'NectarCAM 2',
      runNumber: 12,
    });
    expect(dqmSquarePath('PRODUCTION')).toBe('/dqm/square');
    expect(dqmSquarePath('PLAYBACK')).toBe('/dqm/square?cluster=PLAYBACK');
  });

  it('keeps runs inside the range, ends included', () => {
    const f = { ...NO_FILTER, from: 10, to: 20 };
    expect([9, 10, 15, 20, 21].filter((n) => inRunRange(f, n))).toEqual([10, 15, 20]);
    expect(inRunRange(NO_FILTER, 1)).toBe(true);
  });
});
