/**
 * The alerts pages' hash paths: `#/alerts?…` (object search), `#/alerts/object/<id>`, `#/alerts/live`,
 * `#/alerts/brokers`, `#/alerts/sql`.
 */

/** How the search page looks objects up: one id, a cone, or the filters of `diaObjects`. */
export interface ObjectSearch {
  id: string | null;
  /** A cone when all three are given. */
  ra: number | null;
  dec: number | null;
  radiusArcsec: number | null;
  classifierId: string | null;
  classId: number | null;
  minProbability: number | null;
  minDetections: number | null;
  maxDetections: number | null;
  firstFrom: number | null;
  firstTo: number | null;
  lastFrom: number | null;
  lastTo: number | null;
}

export type AlertsRoute =
  | { name: 'alerts-search'; search: ObjectSearch }
  | { name: 'alerts-object'; id: string }
  | { name: 'alerts-live' }
  | { name: 'alerts-brokers' }
  | { name: 'alerts-sql' };

export const NO_SEARCH: ObjectSearch = {
  id: null,
  ra: null,
  dec: null,
  radiusArcsec: null,
  classifierId: null,
  classId: null,
  minProbability: null,
  minDetections: null,
  maxDetections: null,
  firstFrom: null,
  firstTo: null,
  lastFrom: null,
  lastTo: null,
};

/** The query parameter of each search field. */
const PARAMS: Record<keyof ObjectSearch, string> = {
  id: 'id',
  ra: 'ra',
  dec: 'dec',
  radiusArcsec: 'radius',
  classifierId: 'classifier',
  classId: 'class',
  minProbability: 'minprob',
  minDetections: 'mindet',
  maxDetections: 'maxdet',
  firstFrom: 'firstfrom',
  firstTo: 'firstto',
  lastFrom: 'lastfrom',
  lastTo: 'lastto',
};

const TEXT_FIELDS = new Set<keyof ObjectSearch>(['id', 'classifierId']);
const INTEGER_FIELDS = new Set<keyof ObjectSearch>(['classId', 'minDetections', 'maxDetections']);

/** A number as a user typed it; null when empty or not a finite number (integers where asked). */
export function parseNumber(text: string | null | undefined, integer = false): number | null {
  const t = text?.trim() ?? '';
  if (t === '') return null;
  const n = Number(t);
  if (!Number.isFinite(n) || (integer && !Number.isInteger(n))) return null;
  return n;
}

/** The search a query string holds (fields it cannot read are left out). */
export function parseSearch(query: string): ObjectSearch {
  const params = new URLSearchParams(query);
  const search: Record<string, string | number | null> = { ...NO_SEARCH };
  for (const [field, param] of Object.entries(PARAMS) as [keyof ObjectSearch, string][]) {
    const raw = params.get(param);
    if (TEXT_FIELDS.has(field)) search[field] = raw?.trim() || null;
    else search[field] = parseNumber(raw, INTEGER_FIELDS.has(field));
  }
  return search as unknown as ObjectSearch;
}

/** The page of `pathname`, or null when it is not an alerts page. */
export function parseAlertsRoute(pathname: string, query: string): AlertsRoute | null {
  if (pathname === '/alerts') return { name: 'alerts-search', search: parseSearch(query) };
  if (pathname === '/alerts/live') return { name: 'alerts-live' };
  if (pathname === '/alerts/brokers') return { name: 'alerts-brokers' };
  if (pathname === '/alerts/sql') return { name: 'alerts-sql' };
  const object = /^\/alerts\/object\/(\d{1,20})$/.exec(pathname);
  if (object) return { name: 'alerts-object', id: object[1]! };
  return null;
}

/** The hash path of the search page (only the fields given are written). */
export function alertsSearchPath(search: ObjectSearch): string {
  const params = new URLSearchParams();
  for (const [field, param] of Object.entries(PARAMS) as [keyof ObjectSearch, string][]) {
    const value = search[field];
    if (value !== null && value !== '') params.set(param, String(value));
  }
  const query = params.toString();
  return query ? `/alerts?${query}` : '/alerts';
}

/** The href of an object's page. */
export function alertsObjectHref(id: string): string {
  return `#/alerts/object/${id}`;
}

/** Whether the search is a cone (all of ra, dec and radius given). */
export function isCone(
  s: ObjectSearch,
): s is ObjectSearch & { ra: number; dec: number; radiusArcsec: number } {
  return s.ra !== null && s.dec !== null && s.radiusArcsec !== null;
}

/** The `diaObjects` filter of a search (null fields left out). */
export function objectFilter(s: ObjectSearch): Record<string, unknown> {
  const range = (from: number | null, to: number | null) =>
    from === null && to === null ? undefined : { ...(from !== null && { from }), ...(to !== null && { to }) };
  const filter: Record<string, unknown> = {
    classifierId: s.classifierId ?? undefined,
    classId: s.classId ?? undefined,
    minProbability: s.minProbability ?? undefined,
    minDetections: s.minDetections ?? undefined,
    maxDetections: s.maxDetections ?? undefined,
    firstDetectionMjd: range(s.firstFrom, s.firstTo),
    lastDetectionMjd: range(s.lastFrom, s.lastTo),
  };
  return Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined));
}

/**
 * What is wrong with a search before it is asked, or null: a half-given cone, a radius out of range,
 * a probability outside 0–1, inverted ranges.
 */
export function searchProblem(s: ObjectSearch): string | null {
  const cone = [s.ra, s.dec, s.radiusArcsec].filter((v) => v !== null).length;
  if (cone > 0 && cone < 3) return 'A cone needs ra, dec and a radius';
  if (s.ra !== null && (s.ra < 0 || s.ra >= 360)) return 'ra is in degrees, from 0 to 360';
  if (s.dec !== null && (s.dec < -90 || s.dec > 90)) return 'dec is in degrees, from −90 to 90';
  if (s.radiusArcsec !== null && (s.radiusArcsec <= 0 || s.radiusArcsec > 3600))
    return 'The radius is in arcseconds, above 0 and at most 3600';
  if (s.minProbability !== null && (s.minProbability < 0 || s.minProbability > 1))
    return 'The probability is between 0 and 1';
  if (s.minDetections !== null && s.maxDetections !== null && s.minDetections > s.maxDetections)
    return 'The detection range starts after it ends';
  if (
    (s.firstFrom ?? -Infinity) > (s.firstTo ?? Infinity) ||
    (s.lastFrom ?? -Infinity) > (s.lastTo ?? Infinity)
  )
    return 'An MJD range starts after it ends';
  if (s.id !== null && !/^\d{1,20}$/.test(s.id)) return 'An object id is a whole number';
  return null;
}
