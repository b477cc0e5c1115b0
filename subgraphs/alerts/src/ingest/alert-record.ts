import { zoneOf } from '../dia-object/sky-zones.js';

/** The bands of LSST, as ELAsTiCC spells them in `filterName`. */
export const BANDS = ['u', 'g', 'r', 'i', 'z', 'Y'] as const;

export interface SourceRow {
  id: bigint;
  diaObjectId: bigint;
  midPointTai: number;
  filterName: string;
  ra: number;
  decl: number;
  psFlux: number;
  psFluxErr: number;
  snr: number;
}

export interface ForcedSourceRow {
  id: bigint;
  diaObjectId: bigint;
  midPointTai: number;
  filterName: string;
  psFlux: number;
  psFluxErr: number;
}

/** A diaObject as stored: its Avro fields by column name (`hostgal_mag_Y` → `hostgal_mag_y`). */
export interface ObjectRow {
  id: bigint;
  ra: number;
  decl: number;
  zone: number;
  simVersion: string | null;
  /** Every optional float of the schema, in schema order (the columns `objectFloatFields` names). */
  floats: (number | null)[];
}

/** One alert, checked and ready to store. */
export interface AlertRecord {
  alertId: bigint;
  diaObjectId: bigint;
  source: SourceRow;
  /** Null when the alert carries no diaObject: the object must be known already. */
  object: ObjectRow | null;
  prvSources: SourceRow[];
  prvForcedSources: ForcedSourceRow[];
  /**
   * Set by the fast Avro decoder: every row here is new to its file and noted as handed on (`SentIds`), so
   * splitting it checks nothing.
   */
  unseen?: true;
}

/** Why a record was refused; the message is what `alertQuarantine` shows. */
export class RecordError extends Error {}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

type Raw = Record<string, unknown>;

const isObject = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A 64-bit id from Avro (bigint) or JSON (an integer number within 2^53, or a decimal string). */
/** `prefix.name` (or `prefix` alone), built only for an error message. */
const at = (prefix: string, name?: string): string => (name === undefined ? prefix : `${prefix}.${name}`);

function id(value: unknown, prefix: string, name?: string): bigint {
  if (typeof value === 'bigint' && value >= INT64_MIN && value <= INT64_MAX) return value;
  const field = at(prefix, name);
  let out: bigint | null = null;
  if (typeof value === 'bigint') out = value;
  else if (typeof value === 'number' && Number.isSafeInteger(value)) out = BigInt(value);
  else if (typeof value === 'string' && /^-?\d{1,19}$/.test(value)) out = BigInt(value);
  else if (typeof value === 'number' && Number.isInteger(value))
    throw new RecordError(
      `${field} ${value} is beyond 2^53 as a JSON number: its digits are lost; send it as a string`,
    );
  if (out === null || out < INT64_MIN || out > INT64_MAX)
    throw new RecordError(`${field} must be a 64-bit integer, got ${JSON.stringify(String(value))}`);
  return out;
}

function num(value: unknown, prefix: string, name?: string, range?: [number, number, boolean?]): number {
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new RecordError(`${at(prefix, name)} must be a finite number, got ${String(value)}`);
  if (range) {
    const [lo, hi, hiOpen] = range;
    if (value < lo || (hiOpen ? value >= hi : value > hi))
      throw new RecordError(
        `${at(prefix, name)} must be in [${lo}, ${hi}${hiOpen ? ')' : ']'}, got ${value}`,
      );
  }
  return value;
}

/**
 * A number of an Avro `float` field, stored as `real`: one that a 32-bit float cannot hold (beyond ±3.4e38, or
 * so small it would become 0) is refused, not stored as infinity or zero.
 */
function float(value: unknown, prefix: string, name: string): number {
  const x = num(value, prefix, name);
  const f = Math.fround(x);
  if (!Number.isFinite(f) || (f === 0 && x !== 0))
    throw new RecordError(`${at(prefix, name)} ${x} does not fit a 32-bit float`);
  return x;
}

function optionalFloat(value: unknown, prefix: string, name: string): number | null {
  return value === null || value === undefined ? null : float(value, prefix, name);
}

const BAND_SET: ReadonlySet<unknown> = new Set(BANDS);

function band(value: unknown, prefix: string, name: string): string {
  if (!BAND_SET.has(value))
    throw new RecordError(
      `${at(prefix, name)} must be one of ${BANDS.join(' ')}, got ${JSON.stringify(value)}`,
    );
  return value as string;
}

/** Avro JSON encodes a union value as `{ "<type>": value }`; plain JSON does not. Accept both. */
function unwrap(value: unknown): unknown {
  if (isObject(value)) {
    const keys = Object.keys(value);
    if (keys.length === 1 && /^(long|double|float|string|array|elasticc\.v0_9_1\.\w+)$/.test(keys[0]!))
      return value[keys[0]!];
  }
  return value;
}

function source(raw: unknown, field: string, objectId: bigint | null): SourceRow {
  if (!isObject(raw)) throw new RecordError(`${field} must be a diaSource record`);
  const own = unwrap(raw['diaObjectId']);
  const diaObjectId = own === null || own === undefined ? objectId : id(own, field, 'diaObjectId');
  if (diaObjectId === null) throw new RecordError(`${field} has no diaObjectId and the alert no diaObject`);
  return {
    id: id(raw['diaSourceId'], field, 'diaSourceId'),
    diaObjectId,
    midPointTai: num(raw['midPointTai'], field, 'midPointTai'),
    filterName: band(raw['filterName'], field, 'filterName'),
    ra: num(raw['ra'], field, 'ra', [0, 360, true]),
    decl: num(raw['decl'], field, 'decl', [-90, 90]),
    psFlux: float(raw['psFlux'], field, 'psFlux'),
    psFluxErr: float(raw['psFluxErr'], field, 'psFluxErr'),
    snr: float(raw['snr'], field, 'snr'),
  };
}

function forced(raw: unknown, field: string): ForcedSourceRow {
  if (!isObject(raw)) throw new RecordError(`${field} must be a diaForcedSource record`);
  return {
    id: id(raw['diaForcedSourceId'], field, 'diaForcedSourceId'),
    diaObjectId: id(raw['diaObjectId'], field, 'diaObjectId'),
    midPointTai: num(raw['midPointTai'], field, 'midPointTai'),
    filterName: band(raw['filterName'], field, 'filterName'),
    psFlux: float(raw['psFlux'], field, 'psFlux'),
    psFluxErr: float(raw['psFluxErr'], field, 'psFluxErr'),
  };
}

/** The diaObject fields that are not floats; every other field of the schema is an optional float. */
const OBJECT_NON_FLOATS = new Set(['diaObjectId', 'simVersion', 'ra', 'decl']);

/** The stored column of a diaObject float field. */
export const objectColumn = (field: string): string => field.toLowerCase();

function object(raw: unknown, floatFields: readonly string[]): ObjectRow {
  if (!isObject(raw)) throw new RecordError('diaObject must be a diaObject record');
  const ra = num(raw['ra'], 'diaObject', 'ra', [0, 360, true]);
  const decl = num(raw['decl'], 'diaObject', 'decl', [-90, 90]);
  const simVersion = unwrap(raw['simVersion']);
  if (simVersion !== null && simVersion !== undefined && typeof simVersion !== 'string')
    throw new RecordError('diaObject.simVersion must be a string or null');
  const floats = floatFields.map((f) => optionalFloat(unwrap(raw[f]), 'diaObject', f));
  return {
    id: id(unwrap(raw['diaObjectId']), 'diaObject', 'diaObjectId'),
    ra,
    decl,
    zone: zoneOf(decl),
    simVersion: (simVersion as string | null | undefined) ?? null,
    floats,
  };
}

/** The optional float fields of a diaObject schema (everything but id, simVersion, ra, decl). */
export function objectFloatFields(diaObjectFields: readonly string[]): string[] {
  return diaObjectFields.filter((f) => !OBJECT_NON_FLOATS.has(f));
}

/**
 * Checks one decoded alert (from Avro or JSON) against what the store needs: 64-bit ids, finite
 * numbers, positions on the sky, known bands, one object for the source and all its history.
 * Throws a RecordError saying what is wrong.
 */
export function toAlertRecord(raw: unknown, floatFields: readonly string[]): AlertRecord {
  if (!isObject(raw)) throw new RecordError('an alert must be a record');
  const alertId = id(raw['alertId'], 'alertId');
  const rawObject = unwrap(raw['diaObject']);
  const obj = rawObject === null || rawObject === undefined ? null : object(rawObject, floatFields);
  const src = source(unwrap(raw['diaSource']), 'diaSource', obj?.id ?? null);
  if (obj && obj.id !== src.diaObjectId)
    throw new RecordError(`diaSource.diaObjectId ${src.diaObjectId} is not diaObject.diaObjectId ${obj.id}`);
  const list = (value: unknown, field: string): unknown[] => {
    const v = unwrap(value);
    if (v === null || v === undefined) return [];
    if (!Array.isArray(v)) throw new RecordError(`${field} must be an array or null`);
    return v;
  };
  const prvSources = list(raw['prvDiaSources'], 'prvDiaSources').map((s, i) =>
    source(s, `prvDiaSources[${i}]`, src.diaObjectId),
  );
  const prvForcedSources = list(raw['prvDiaForcedSources'], 'prvDiaForcedSources').map((s, i) =>
    forced(s, `prvDiaForcedSources[${i}]`),
  );
  for (const [i, s] of [...prvSources, ...prvForcedSources].entries()) {
    if (s.diaObjectId !== src.diaObjectId)
      throw new RecordError(
        `a previous source (#${i}) belongs to diaObject ${s.diaObjectId}, not ${src.diaObjectId}`,
      );
  }
  return { alertId, diaObjectId: src.diaObjectId, source: src, object: obj, prvSources, prvForcedSources };
}

/** A decoded record as JSON for the quarantine (BigInt as decimal strings, Buffers as base64). */
export function jsonSafe(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, (_k, v: unknown) =>
      typeof v === 'bigint' ? v.toString() : typeof v === 'number' && !Number.isFinite(v) ? String(v) : v,
    ),
  ) as unknown;
}
