import pg from 'pg';

/**
 * JSON-safe values of the reader's rows. Every column arrives as Postgres' text; it becomes:
 * smallint/integer/real/double → a number (NaN and ±Infinity as the strings Postgres writes),
 * bigint → an exact decimal string in GraphQL and an exact JSON number in the REST replies and files
 * (`bigint` mode), numeric → its exact decimal string (as the TOM's Django encoder wrote Decimals),
 * boolean → true/false, json/jsonb → the parsed value (JSON's own numbers), timestamps → ISO
 * 8601 (UTC, the session's zone, with the microseconds Postgres keeps), date/time → Postgres' text,
 * bytea → `\x…` hex, arrays → arrays of the same, anything else → its text.
 */
export type BigintMode = 'string' | 'bigint';

const OID = {
  bool: 16,
  bytea: 17,
  int8: 20,
  int2: 21,
  int4: 23,
  oid: 26,
  json: 114,
  float4: 700,
  float8: 701,
  timestamp: 1114,
  timestamptz: 1184,
  numeric: 1700,
  jsonb: 3802,
} as const;

/** Array type OID → element type OID, for the types above. */
const ARRAY_OF: Record<number, number> = {
  1000: OID.bool,
  1001: OID.bytea,
  1016: OID.int8,
  1005: OID.int2,
  1007: OID.int4,
  1028: OID.oid,
  199: OID.json,
  1021: OID.float4,
  1022: OID.float8,
  1115: OID.timestamp,
  1185: OID.timestamptz,
  1231: OID.numeric,
  3807: OID.jsonb,
};

/** The text[] parser (OID 1009): Postgres' array syntax, elements as text. */
const parseArray = (pg.types.getTypeParser as (oid: number) => (text: string) => (string | null)[])(1009);

function isoTimestamp(text: string, zoned: boolean): string {
  if (text === 'infinity' || text === '-infinity') return text;
  // Postgres writes `2026-12-02 19:00:00.123456+00` in the UTC session zone.
  const iso = text.replace(' ', 'T');
  return zoned ? iso.replace(/\+00(:00)?$/, 'Z') : iso;
}

function number(text: string): number | string {
  const value = Number(text);
  return Number.isFinite(value) ? value : text;
}

const NUMBER_TYPES: ReadonlySet<number> = new Set([
  OID.int2,
  OID.int4,
  OID.int8,
  OID.oid,
  OID.float4,
  OID.float8,
  OID.numeric,
]);

/** Whether a column of this type holds numbers (its text is never a spreadsheet formula, `-12.5` included). */
export function isNumberType(oid: number): boolean {
  return NUMBER_TYPES.has(oid);
}

/** One cell, from Postgres' text (`null` stays null). */
export function cellValue(text: string | null, oid: number, bigints: BigintMode): unknown {
  if (text === null) return null;
  const element = ARRAY_OF[oid];
  if (element !== undefined) return parseArray(text).map((t) => cellValue(t, element, bigints));
  switch (oid) {
    case OID.bool:
      return text === 't';
    case OID.int2:
    case OID.int4:
    case OID.oid:
    case OID.float4:
    case OID.float8:
      return number(text);
    case OID.int8:
      return bigints === 'bigint' ? BigInt(text) : text;
    case OID.json:
    case OID.jsonb:
      return JSON.parse(text) as unknown;
    case OID.timestamp:
      return isoTimestamp(text, false);
    case OID.timestamptz:
      return isoTimestamp(text, true);
    default:
      return text;
  }
}

/** Every value as Postgres' text: the reader converts them itself (cellValue, the CSV writer). */
export const TEXT_TYPES = { getTypeParser: () => (text: string) => text } as unknown as pg.CustomTypesConfig;
