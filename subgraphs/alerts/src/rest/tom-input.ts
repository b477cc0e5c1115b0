import { BadUserInputError } from '@opshub/errors';

/** Reading a TOM request body: each check names the field and throws BAD_USER_INPUT (a 400). */
export type Body = Record<string, unknown>;

export function bodyOf(body: unknown): Body {
  if (body === undefined) return {};
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new BadUserInputError('The body must be a JSON object');
  return body as Body;
}

/** Refuses keys the endpoint does not know (a misspelt parameter must not be silently ignored). */
export function onlyKeys(body: Body, known: readonly string[]): void {
  const unknown = Object.keys(body).filter((k) => !known.includes(k));
  if (unknown.length)
    throw new BadUserInputError(`Unknown parameters: ${unknown.join(', ')} (known: ${known.join(', ')})`);
}

const INT64_MAX = 2n ** 63n - 1n;

/** A 64-bit id: a JSON integer (exact, also beyond 2^53) or a decimal string. */
export function idOf(value: unknown, field: string): bigint {
  let out: bigint | undefined;
  if (typeof value === 'bigint') out = value;
  else if (typeof value === 'number' && Number.isSafeInteger(value)) out = BigInt(value);
  else if (typeof value === 'string' && /^-?\d{1,19}$/.test(value.trim())) out = BigInt(value.trim());
  if (out === undefined || out > INT64_MAX || out < -INT64_MAX - 1n)
    throw new BadUserInputError(`${field} must be a 64-bit integer id`, { field });
  return out;
}

/** One id or a list of ids. */
export function idsOf(value: unknown, field: string): bigint[] {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0) throw new BadUserInputError(`${field} must name at least one id`, { field });
  return list.map((v, i) => idOf(v, Array.isArray(value) ? `${field}[${i}]` : field));
}

export function numberOf(value: unknown, field: string): number {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n === 'bigint') return Number(n);
  if (typeof n !== 'number' || !Number.isFinite(n))
    throw new BadUserInputError(`${field} must be a number`, { field });
  return n;
}

export function intOf(value: unknown, field: string): number {
  const n = numberOf(value, field);
  if (!Number.isInteger(n)) throw new BadUserInputError(`${field} must be an integer`, { field });
  return n;
}

export function stringOf(value: unknown, field: string, max = 200): string {
  if (typeof value !== 'string' || value.trim() === '' || value.length > max)
    throw new BadUserInputError(`${field} must be a non-empty string of at most ${max} characters`, {
      field,
    });
  return value;
}

/** An optional value: `read` applies unless it is absent or null. */
export function optional<T>(body: Body, key: string, read: (v: unknown, field: string) => T): T | undefined {
  const v = body[key];
  return v === undefined || v === null || v === '' ? undefined : read(v, key);
}

/** A date: ISO 8601, or `YYYY-MM-DD[ HH:MM:SS]` read as UTC (as the TOM reads it). */
export function dateOf(value: unknown, field: string): Date {
  if (typeof value === 'string') {
    const m = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*$/.exec(value);
    const date = m
      ? new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0)))
      : new Date(value);
    if (!Number.isNaN(date.getTime())) return date;
  }
  throw new BadUserInputError(`${field} must be a date (YYYY-MM-DD or YYYY-MM-DD HH:MM:SS, UTC)`, { field });
}

/** The MJD of an instant (UTC; the TOM's astropy Time(...).mjd). */
export const mjdOf = (at: Date): number => at.getTime() / 86_400_000 + 40_587;
