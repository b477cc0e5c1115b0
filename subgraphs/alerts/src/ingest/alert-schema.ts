import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import avro from 'avsc';
import type { ObjectFieldKind } from './alert-avro.decoder.js';

/** The shipped ELAsTiCC schemas and taxonomy (copies of the challenge's files, never edited). */
export const ELASTICC_DATA_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../data/elasticc',
);

/** The schema version alert ingest reads. */
export const ALERT_SCHEMA_NAME = 'elasticc.v0_9_1.alert';

const readAvsc = (name: string): avro.Schema =>
  JSON.parse(
    readFileSync(path.join(ELASTICC_DATA_DIR, `elasticc.v0_9_1.${name}.avsc`), 'utf8'),
  ) as avro.Schema;

/**
 * Avro `long` as a BigInt: avsc's default decodes it as a double and throws beyond 2^53, and ELAsTiCC
 * ids are full 64-bit integers.
 */
const bigintLong = avro.types.LongType.__with({
  fromBuffer: (buf: Buffer) => buf.readBigInt64LE(),
  toBuffer: (n: bigint) => {
    const buf = Buffer.alloc(8);
    buf.writeBigInt64LE(n);
    return buf;
  },
  fromJSON: (n: number | string) => BigInt(n),
  toJSON: (n: bigint) => Number(n),
  isValid: (n: unknown) => typeof n === 'bigint',
  compare: (a: bigint, b: bigint) => (a === b ? 0 : a < b ? -1 : 1),
});

let alertType: avro.Type | undefined;

/** A schema (e.g. a file's writer schema) as an avsc type, longs as BigInt. */
export function avroTypeOf(schema: avro.Schema): avro.Type {
  return avro.Type.forSchema(schema, { registry: { long: bigintLong } });
}

/** The `elasticc.v0_9_1.alert` type from the shipped .avsc files, longs as BigInt. */
export function alertAvroType(): avro.Type {
  if (!alertType) {
    const registry: Record<string, avro.Type> = { long: bigintLong };
    for (const name of ['diaSource', 'diaForcedSource', 'diaObject'])
      avro.Type.forSchema(readAvsc(name), { registry });
    alertType = avro.Type.forSchema(readAvsc('alert'), { registry });
  }
  return alertType;
}

/** The diaObject fields of the shipped schema, in order. */
export function diaObjectFields(): string[] {
  return (readAvsc('diaObject') as { fields: { name: string }[] }).fields.map((f) => f.name);
}

/** The diaObject fields of the shipped schema with their kinds, for the fast decoder (alert-avro.decoder.ts). */
export function diaObjectFieldKinds(): { name: string; kind: ObjectFieldKind }[] {
  const kinds: Record<string, ObjectFieldKind> = {
    '"long"': 'long',
    '"double"': 'double',
    '["null","float"]': 'float?',
    '["null","string"]': 'string?',
  };
  return (readAvsc('diaObject') as { fields: { name: string; type: unknown }[] }).fields.map((f) => {
    const kind = kinds[JSON.stringify(f.type)];
    if (!kind) throw new Error(`diaObject.${f.name}: a type the fast decoder does not read`);
    return { name: f.name, kind };
  });
}

/**
 * Alerts as an Avro object container file in the shipped schema (what an alert source serves; tests
 * and the demo write their batches with it). `blockSize` in bytes (avsc's default 64 kB).
 */
export async function encodeAlertContainer(
  alerts: readonly unknown[],
  options: { blockSize?: number; codec?: 'null' | 'deflate' } = {},
): Promise<Buffer> {
  const encoder = new avro.streams.BlockEncoder(alertAvroType(), {
    ...(options.blockSize ? { blockSize: options.blockSize } : {}),
    codec: options.codec ?? 'null',
  });
  const chunks: Buffer[] = [];
  encoder.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    encoder.on('end', resolve);
    encoder.on('error', reject);
  });
  for (const alert of alerts) encoder.write(alert);
  encoder.end();
  await done;
  return Buffer.concat(chunks);
}
