import { inflateRawSync } from 'node:zlib';
import avro from 'avsc';
import { AlertAvroDecoder } from './alert-avro.decoder.js';
import type { AlertRecord } from './alert-record.js';
import type { SentIds } from './id-set.js';
import { alertAvroType, avroTypeOf, diaObjectFieldKinds } from './alert-schema.js';

/** A whole file refused (corrupt, truncated, not an alert file), with why. */
export class FileRefused extends Error {}

/**
 * One record of a file: decoded (to be checked), decoded and checked already by the fast Avro decoder, or not
 * decodable with why (quarantined, the batch goes on).
 */
export type FileEntry =
  | { position: number; value: unknown }
  | { position: number; alert: AlertRecord }
  | { position: number; error: string; raw: unknown };

export interface AlertFile {
  format: 'avro' | 'json' | 'ndjson';
  /** Records in the file (quarantined ones included). */
  total: number;
  /** The records in file order; an Avro file's are decoded as they are read, a block at a time. */
  entries: Iterable<FileEntry>;
}

const MAGIC = Buffer.from('Obj\x01', 'latin1');

const HEADER = avro.Type.forSchema({
  type: 'record',
  name: 'org.apache.avro.file.Header',
  fields: [
    { name: 'magic', type: { type: 'fixed', name: 'Magic', size: 4 } },
    { name: 'meta', type: { type: 'map', values: 'bytes' } },
    { name: 'sync', type: { type: 'fixed', name: 'Sync', size: 16 } },
  ],
});

/** A zig-zag varint long at `pos`; null when the buffer ends inside it. */
function readLong(buf: Buffer, pos: number): { value: number; pos: number } | null {
  let n = 0n;
  let shift = 0n;
  for (let p = pos; p < buf.length && shift < 70n; p++) {
    const b = buf[p]!;
    n |= BigInt(b & 0x7f) << shift;
    shift += 7n;
    if ((b & 0x80) === 0) return { value: Number((n >> 1n) ^ -(n & 1n)), pos: p + 1 };
  }
  return null;
}

/** Writer schemas seen, by their text: a source writes every file in the same one (parsing it costs ms). */
const writers = new Map<string, { resolver: avro.Resolver; shipped: boolean }>();

/** A file's writer schema resolved against the shipped one; refused when it is not a version of it. */
function writerSchema(text: string): { resolver: avro.Resolver; shipped: boolean } {
  let known = writers.get(text);
  if (known) return known;
  const reader = alertAvroType();
  try {
    const writer = avroTypeOf(JSON.parse(text) as avro.Schema);
    known = { resolver: reader.createResolver(writer), shipped: writer.equals(reader) };
  } catch (error) {
    throw new FileRefused(
      `the file's schema is not a version of elasticc.v0_9_1.alert: ${(error as Error).message}`,
    );
  }
  if (writers.size >= 16) writers.delete(writers.keys().next().value!);
  writers.set(text, known);
  return known;
}

/**
 * An Avro object container file of `elasticc.v0_9_1.alert` records. The file's own (writer) schema
 * is resolved against the shipped one, so a compatible writer is read and another is refused. A
 * block that cannot be decoded quarantines its records and the next block is read (its sync
 * marker is intact); a file that ends inside a block, or whose sync markers do not match, is
 * refused whole: nothing in it can be trusted to be complete.
 */
export function readAvroContainer(buf: Buffer, sent: SentIds): AlertFile {
  if (buf.length < 4 || !buf.subarray(0, 4).equals(MAGIC))
    throw new FileRefused('not an Avro object container file (no Obj\\x01 magic)');
  const header = HEADER.decode(buf, 0);
  if (header.offset < 0) throw new FileRefused('truncated: the file ends inside its Avro header');
  const { meta, sync } = header.value as { meta: Record<string, Buffer>; sync: Buffer };
  const codec = meta['avro.codec']?.toString() ?? 'null';
  if (codec !== 'null' && codec !== 'deflate') throw new FileRefused(`unsupported Avro codec ${codec}`);
  const reader = alertAvroType();
  const { resolver, shipped } = writerSchema(meta['avro.schema']?.toString() ?? 'null');
  // Written in the shipped schema itself (canonical form): read by the fast decoder.
  const fast = shipped ? new AlertAvroDecoder(diaObjectFieldKinds(), sent) : null;

  // The whole structure first (block counts, sizes, sync markers): a truncated or corrupt file is refused
  // before any of it is decoded or stored.
  const blocks: { count: number; start: number; end: number }[] = [];
  let total = 0;
  for (let pos = header.offset, block = 0; pos < buf.length; block++) {
    const count = readLong(buf, pos);
    const size = count && readLong(buf, count.pos);
    if (!count || !size || size.pos + size.value + 16 > buf.length)
      throw new FileRefused(`truncated: the file ends inside block ${block} (at byte ${buf.length})`);
    const end = size.pos + size.value;
    if (!buf.subarray(end, end + 16).equals(sync))
      throw new FileRefused(`corrupt: block ${block}'s sync marker does not match the header's`);
    blocks.push({ count: count.value, start: size.pos, end });
    total += count.value;
    pos = end + 16;
  }
  return { format: 'avro', total, entries: decodeBlocks(buf, blocks, codec, reader, resolver, fast) };
}

/** The records of checked blocks, decoded one block at a time; an undecodable block's records quarantined. */
function* decodeBlocks(
  buf: Buffer,
  blocks: readonly { count: number; start: number; end: number }[],
  codec: string,
  reader: avro.Type,
  resolver: avro.Resolver,
  fast: AlertAvroDecoder | null,
): Generator<FileEntry> {
  let position = 0;
  for (const [block, { count, start, end }] of blocks.entries()) {
    let data = buf.subarray(start, end);
    try {
      if (codec === 'deflate') data = inflateRawSync(data);
    } catch (error) {
      yield {
        position,
        error: `block ${block} (${count} records) cannot be inflated: ${(error as Error).message}`,
        raw: { block, records: count },
      };
      position += count;
      continue;
    }
    let at = 0;
    for (let k = 0; k < count; k++, position++) {
      const quick = fast?.decode(data, at);
      if (quick) {
        yield { position, alert: quick.alert };
        at = quick.next;
        continue;
      }
      let failure: string | null = null;
      try {
        const rec = reader.decode(data, at, resolver);
        if (rec.offset < 0) failure = 'the record runs past the end of its block';
        else {
          yield { position, value: rec.value };
          at = rec.offset;
        }
      } catch (error) {
        failure = (error as Error).message;
      }
      if (failure !== null) {
        const lost = count - k;
        yield {
          position,
          error: `record ${k} of block ${block} cannot be decoded (${failure}); ${lost} record${lost === 1 ? '' : 's'} of the block lost with it`,
          raw: { block, record: k, bytes: data.subarray(at).toString('base64') },
        };
        position = position - k + count;
        break;
      }
    }
  }
}

/**
 * JSON keeps integers beyond 2^53 only as text: every integer literal of 16 digits or more outside a
 * string is quoted before parsing, so 64-bit ids arrive as exact decimal strings.
 */
function parseExact(text: string): unknown {
  return JSON.parse(
    text.replace(/"(?:[^"\\]|\\.)*"|(?<![\d.eE+-])-?\d{16,}(?![\d.eE])/g, (m) =>
      m.startsWith('"') ? m : `"${m}"`,
    ),
  ) as unknown;
}

/**
 * A JSON document (one alert or an array of alerts) or NDJSON (one alert per line) in the v0.9.1
 * alert schema. An NDJSON line that is not JSON is quarantined; a JSON document that is not JSON is
 * refused whole.
 */
export function readJsonAlerts(text: string): AlertFile {
  const trimmed = text.trim();
  if (trimmed === '') throw new FileRefused('empty file');
  const lines = trimmed.split(/\r?\n/);
  if (trimmed.startsWith('[') || lines.length === 1) {
    let doc: unknown;
    try {
      doc = parseExact(trimmed);
    } catch (error) {
      throw new FileRefused(`not valid JSON: ${(error as Error).message}`);
    }
    const values = Array.isArray(doc) ? doc : [doc];
    return {
      format: 'json',
      total: values.length,
      entries: values.map((value, position) => ({ position, value })),
    };
  }
  const entries: FileEntry[] = [];
  lines.forEach((line, position) => {
    if (line.trim() === '') return;
    try {
      entries.push({ position, value: parseExact(line) });
    } catch (error) {
      entries.push({
        position,
        error: `line ${position + 1} is not JSON: ${(error as Error).message}`,
        raw: line,
      });
    }
  });
  return { format: 'ndjson', total: entries.length, entries };
}

/**
 * An alert file by its content: the Avro magic, else JSON or NDJSON text. `sent`: the file's ids handed on, which
 * the fast Avro decoder notes and skips.
 */
export function readAlertFile(buf: Buffer, sent: SentIds): AlertFile {
  if (buf.subarray(0, 4).equals(MAGIC)) return readAvroContainer(buf, sent);
  if (buf.includes(0)) throw new FileRefused('neither an Avro container file nor JSON text');
  return readJsonAlerts(buf.toString('utf8'));
}
