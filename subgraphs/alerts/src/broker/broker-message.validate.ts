import { taxonomy } from '../classification/taxonomy.js';

/** A brokerClassification record (ELAsTiCC v0.9.1) plus brokerPublishTimestamp, checked. */
export interface ValidBrokerMessage {
  alertId: bigint;
  diaSourceId: bigint;
  elasticcPublishTimestamp: Date;
  brokerIngestTimestamp: Date | null;
  brokerPublishTimestamp: Date | null;
  brokerName: string;
  brokerVersion: string;
  classifierName: string;
  classifierParams: string;
  classIds: number[];
  probabilities: number[];
}

/** A record refused, with why; `index` is its position in the submitted list. */
export interface RejectedMessage {
  index: number;
  reason: string;
}

const MAX_ID = (1n << 63n) - 1n;
const TEXT_LIMIT = 1000;

class Invalid extends Error {}

/**
 * A 64-bit id given as a decimal string, a bigint (exact JSON of the REST path), or a JS number. A
 * number above 2^53 already lost digits when its JSON was parsed as a double (a known broker bug),
 * so it is refused rather than stored as some other id.
 */
function id(value: unknown, field: string): bigint {
  if (typeof value === 'bigint') return inRange(value, field);
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw new Invalid(`${field} must be an integer, got ${value}`);
    if (!Number.isSafeInteger(value))
      throw new Invalid(
        `${field} ${value} is a JSON number above 2^53 read as a double: its last digits are already lost; send it as a string or an exact integer`,
      );
    return inRange(BigInt(value), field);
  }
  if (typeof value === 'string' && /^-?\d{1,20}$/.test(value.trim()))
    return inRange(BigInt(value.trim()), field);
  throw new Invalid(`${field} must be a 64-bit integer (a number or a decimal string)`);
}

function inRange(v: bigint, field: string): bigint {
  if (v < 0n || v > MAX_ID) throw new Invalid(`${field} must be a non-negative 64-bit integer`);
  return v;
}

/** Milliseconds since the Epoch (Avro timestamp-millis), as a number, bigint or numeric string. */
function millis(value: unknown, field: string, optional: boolean): Date | null {
  if (value === undefined || value === null) {
    if (optional) return null;
    throw new Invalid(`${field} is required (milliseconds since the Epoch)`);
  }
  const n = typeof value === 'bigint' || typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 0 || n > 8.64e15)
    throw new Invalid(`${field} must be milliseconds since the Epoch`);
  return new Date(n);
}

function text(value: unknown, field: string): string {
  if (typeof value !== 'string') throw new Invalid(`${field} must be a string`);
  if (value.length > TEXT_LIMIT) throw new Invalid(`${field} is longer than ${TEXT_LIMIT} characters`);
  return value;
}

function classifications(value: unknown): { classIds: number[]; probabilities: number[] } {
  if (!Array.isArray(value) || value.length === 0)
    throw new Invalid('classifications must be a non-empty list of {classId, probability}');
  const known = taxonomy();
  const classIds: number[] = [];
  const probabilities: number[] = [];
  value.forEach((c: unknown, i) => {
    const entry = (c ?? {}) as { classId?: unknown; probability?: unknown };
    const classId = typeof entry.classId === 'bigint' ? Number(entry.classId) : entry.classId;
    if (typeof classId !== 'number' || !known.has(classId))
      throw new Invalid(
        `classifications[${i}].classId ${String(entry.classId)} is not in the ELAsTiCC taxonomy`,
      );
    if (classIds.includes(classId))
      throw new Invalid(`classifications[${i}].classId ${classId} appears twice`);
    const p = entry.probability;
    if (typeof p !== 'number' || !(p >= 0 && p <= 1))
      throw new Invalid(`classifications[${i}].probability must be a number in [0, 1]`);
    classIds.push(classId);
    probabilities.push(p);
  });
  return { classIds, probabilities };
}

/** Checks one record; returns it typed, or the reason it is refused. */
export function validateBrokerMessage(record: unknown): ValidBrokerMessage | { reason: string } {
  if (typeof record !== 'object' || record === null || Array.isArray(record))
    return { reason: 'a brokerClassification record must be a JSON object' };
  const r = record as Record<string, unknown>;
  try {
    return {
      alertId: id(r.alertId, 'alertId'),
      diaSourceId: id(r.diaSourceId, 'diaSourceId'),
      elasticcPublishTimestamp: millis(r.elasticcPublishTimestamp, 'elasticcPublishTimestamp', false)!,
      brokerIngestTimestamp: millis(r.brokerIngestTimestamp, 'brokerIngestTimestamp', true),
      brokerPublishTimestamp: millis(r.brokerPublishTimestamp, 'brokerPublishTimestamp', true),
      brokerName: text(r.brokerName, 'brokerName'),
      brokerVersion: text(r.brokerVersion, 'brokerVersion'),
      classifierName: text(r.classifierName, 'classifierName'),
      classifierParams: text(r.classifierParams, 'classifierParams'),
      ...classifications(r.classifications),
    };
  } catch (err) {
    if (err instanceof Invalid) return { reason: err.message };
    throw err;
  }
}

/** The classifier's 4-tuple as one key. */
export function classifierKey(
  m: Pick<ValidBrokerMessage, 'brokerName' | 'brokerVersion' | 'classifierName' | 'classifierParams'>,
): string {
  return JSON.stringify([m.brokerName, m.brokerVersion, m.classifierName, m.classifierParams]);
}
