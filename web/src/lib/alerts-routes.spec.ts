import { describe, expect, it } from 'vitest';
import {
  alertsObjectHref,
  alertsSearchPath,
  isCone,
  NO_SEARCH,
  objectFilter,
  parseSearch,
  searchProblem,
} from './alerts-routes';
import { parseRoute } from './routes';

describe('alerts routes', () => {
  it('opens the five alerts pages', () => {
    expect(parseRoute('/alerts')).toEqual({ name: 'alerts-search', search: NO_SEARCH });
    expect(parseRoute('/alerts/live')).toEqual({ name: 'alerts-live' });
    expect(parseRoute('/alerts/brokers')).toEqual({ name: 'alerts-brokers' });
    expect(parseRoute('/alerts/sql')).toEqual({ name: 'alerts-sql' });
    // 64-bit ids stay strings, digit for digit.
    expect(parseRoute('/alerts/object/9223372036854775807')).toEqual({
      name: 'alerts-object',
      id: '9223372036854775807',
    });
    expect(parseRoute('/alerts/object/12x')).toEqual({ name: 'not-found', path: '/alerts/object/12x' });
  });

  it('writes a search into the URL and reads it back, leaving out what is not given', () => {
    const search = { ...NO_SEARCH, ra: 0, dec: -89.5, radiusArcsec: 10, classId: 2222, minProbability: 0.5 };
    const path = alertsSearchPath(search);
    expect(path).toBe('/alerts?ra=0&dec=-89.5&radius=10&class=2222&minprob=0.5');
    expect(parseRoute(path)).toEqual({ name: 'alerts-search', search });
    expect(alertsSearchPath(NO_SEARCH)).toBe('/alerts');
    expect(alertsObjectHref('42')).toBe('#/alerts/object/42');
  });

  it('drops numbers it cannot read (a fractional class id, text)', () => {
    expect(parseSearch('class=1.5&ra=abc&mindet=3&classifier=%207%20')).toEqual({
      ...NO_SEARCH,
      minDetections: 3,
      classifierId: '7',
    });
  });

  it('tells a cone from filters and builds the diaObjects filter of the fields given', () => {
    expect(isCone({ ...NO_SEARCH, ra: 1, dec: 2, radiusArcsec: 3 })).toBe(true);
    expect(isCone({ ...NO_SEARCH, ra: 1, dec: 2 })).toBe(false);
    expect(objectFilter({ ...NO_SEARCH, classifierId: '3', minDetections: 2, lastFrom: 60000 })).toEqual({
      classifierId: '3',
      minDetections: 2,
      lastDetectionMjd: { from: 60000 },
    });
    expect(objectFilter(NO_SEARCH)).toEqual({});
  });

  it('names what is wrong with a search before asking the hub', () => {
    expect(searchProblem(NO_SEARCH)).toBeNull();
    expect(searchProblem({ ...NO_SEARCH, ra: 10 })).toBe('A cone needs ra, dec and a radius');
    expect(searchProblem({ ...NO_SEARCH, ra: 360, dec: 0, radiusArcsec: 1 })).toMatch(/^ra is/);
    expect(searchProblem({ ...NO_SEARCH, ra: 1, dec: 0, radiusArcsec: 3601 })).toMatch(/^The radius/);
    expect(searchProblem({ ...NO_SEARCH, minProbability: 1.5 })).toMatch(/probability/);
    expect(searchProblem({ ...NO_SEARCH, minDetections: 5, maxDetections: 2 })).toMatch(/detection range/);
    expect(searchProblem({ ...NO_SEARCH, firstFrom: 60010, firstTo: 60000 })).toMatch(/MJD range/);
    expect(searchProblem({ ...NO_SEARCH, id: '12a' })).toMatch(/whole number/);
  });
});
