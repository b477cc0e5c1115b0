import { describe, expect, it } from 'vitest';
import { angularDistanceDeg, coneBoxes, raHalfWidth, ZONE_HEIGHT_DEG, zoneOf } from './sky-zones.js';

describe('sky zones', () => {
  it('numbers zones from the south pole up, one per ZONE_HEIGHT_DEG', () => {
    expect(zoneOf(-90)).toBe(0);
    expect(zoneOf(-90 + ZONE_HEIGHT_DEG * 1.5)).toBe(1);
    expect(zoneOf(0)).toBe(Math.round(90 / ZONE_HEIGHT_DEG));
    expect(zoneOf(90)).toBeGreaterThan(zoneOf(89.999));
  });

  it('widens the ra range exactly as far as the circle reaches', () => {
    for (const [dec, r] of [
      [0, 1],
      [60, 0.5],
      [-85, 1],
      [89, 0.9],
    ] as const) {
      // The circle's widest point in ra, found by walking its edge.
      let widest = 0;
      for (let i = 0; i < 100_000; i++) {
        const t = (i / 100_000) * 2 * Math.PI;
        const d = (dec * Math.PI) / 180;
        const rr = (r * Math.PI) / 180;
        const decEdge = Math.asin(Math.sin(d) * Math.cos(rr) + Math.cos(d) * Math.sin(rr) * Math.cos(t));
        const dRa = Math.atan2(
          Math.sin(t) * Math.sin(rr) * Math.cos(d),
          Math.cos(rr) - Math.sin(d) * Math.sin(decEdge),
        );
        widest = Math.max(widest, Math.abs((dRa * 180) / Math.PI));
      }
      expect(raHalfWidth(dec, r)).toBeGreaterThanOrEqual(widest - 1e-9);
      expect(raHalfWidth(dec, r)).toBeLessThan(widest + 1e-6);
    }
    expect(raHalfWidth(89.5, 0.6)).toBe(180);
  });

  it('splits the ra range at 0/360 into two disjoint intervals', () => {
    expect(coneBoxes(0.001, 0, 10 / 3600).raRanges).toHaveLength(2);
    expect(coneBoxes(359.999, 0, 10 / 3600).raRanges).toHaveLength(2);
    expect(coneBoxes(180, 0, 10 / 3600).raRanges).toHaveLength(1);
    expect(coneBoxes(10, 89.999, 10 / 3600).raRanges).toEqual([[0, 360]]);
  });

  it('measures angular distance across ra = 0 and at the poles', () => {
    expect(angularDistanceDeg(359.5, 0, 0.5, 0)).toBeCloseTo(1, 12);
    expect(angularDistanceDeg(0, 89.5, 180, 89.5)).toBeCloseTo(1, 12);
    expect(angularDistanceDeg(10, -30, 10, -30)).toBe(0);
  });
});
