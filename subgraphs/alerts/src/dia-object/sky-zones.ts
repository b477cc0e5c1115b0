/**
 * The zones method for cone searches (Gray, Nieto-Santisteban & Szalay 2006): the sky is cut into
 * declination stripes; a btree on (zone, ra) turns a cone into a few index range scans, and the
 * exact angular distance is computed only for the rows inside those boxes.
 */

/** Height of one declination zone: 30″, the order of a typical cross-match radius. */
export const ZONE_HEIGHT_DEG = 30 / 3600;

/** Largest cone radius served: beyond it the boxes get large and a search is a scan. */
export const MAX_RADIUS_ARCSEC = 3600;

// Floating-point slack so an object exactly on a box edge is never left out; the exact distance
// test in SQL decides.
const EDGE_SLACK_DEG = 1e-9;

/** The zone of a declination. Monotonic in `decl`, which is all the search needs. */
export function zoneOf(decl: number): number {
  return Math.floor((decl + 90) / ZONE_HEIGHT_DEG);
}

const rad = (deg: number): number => (deg * Math.PI) / 180;
const deg = (r: number): number => (r * 180) / Math.PI;

/**
 * Half-width in right ascension of a circle of radius `radiusDeg` centred at `dec`: the 1/cos(dec)
 * widening, in its exact form; 180 when the circle contains a pole.
 */
export function raHalfWidth(dec: number, radiusDeg: number): number {
  if (Math.abs(dec) + radiusDeg >= 90 - EDGE_SLACK_DEG) return 180;
  const r = rad(radiusDeg);
  const d = rad(dec);
  return deg(Math.atan(Math.sin(r) / Math.sqrt(Math.abs(Math.cos(d - r) * Math.cos(d + r)))));
}

export interface ConeBoxes {
  zoneMin: number;
  zoneMax: number;
  /** Disjoint ra intervals [lo, hi] inside [0, 360]: two when the cone crosses ra = 0/360. */
  raRanges: [number, number][];
}

/** The (zone, ra) boxes covering a cone; ra in [0, 360), dec in [-90, 90]. */
export function coneBoxes(ra: number, dec: number, radiusDeg: number): ConeBoxes {
  const zoneMin = zoneOf(Math.max(-90, dec - radiusDeg - EDGE_SLACK_DEG));
  const zoneMax = zoneOf(Math.min(90, dec + radiusDeg + EDGE_SLACK_DEG));
  const alpha = raHalfWidth(dec, radiusDeg) + EDGE_SLACK_DEG;
  if (alpha >= 180) return { zoneMin, zoneMax, raRanges: [[0, 360]] };
  const lo = ra - alpha;
  const hi = ra + alpha;
  if (lo < 0)
    return {
      zoneMin,
      zoneMax,
      raRanges: [
        [0, hi],
        [lo + 360, 360],
      ],
    };
  if (hi >= 360)
    return {
      zoneMin,
      zoneMax,
      raRanges: [
        [lo, 360],
        [0, hi - 360],
      ],
    };
  return { zoneMin, zoneMax, raRanges: [[lo, hi]] };
}

/**
 * The boxes one by one, as `alerts.cone_search` takes them: each zone with each RA range, as three parallel
 * arrays.
 */
export function boxList(boxes: ConeBoxes): { zones: number[]; los: number[]; his: number[] } {
  const zones: number[] = [];
  const los: number[] = [];
  const his: number[] = [];
  for (let zone = boxes.zoneMin; zone <= boxes.zoneMax; zone++)
    for (const [lo, hi] of boxes.raRanges) {
      zones.push(zone);
      los.push(lo);
      his.push(hi);
    }
  return { zones, los, his };
}

/** Angular distance in degrees (haversine: well-conditioned for the small separations searched). */
export function angularDistanceDeg(ra1: number, dec1: number, ra2: number, dec2: number): number {
  const sdd = Math.sin(rad(dec2 - dec1) / 2);
  const sda = Math.sin(rad(ra2 - ra1) / 2);
  const h = sdd * sdd + Math.cos(rad(dec1)) * Math.cos(rad(dec2)) * sda * sda;
  return deg(2 * Math.asin(Math.min(1, Math.sqrt(h))));
}
