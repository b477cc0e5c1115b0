import type { SqlPool } from '@opshub/db';
import { to as copyTo } from 'pg-copy-streams';

const LF = 0x0a;
const QUOTE = 0x22;
const COMMA = 0x2c;
const CRLF = Buffer.from('\r\n');

/** A page of COPY's CSV as the export writes it: records ended by CRLF, its row count and its last id. */
export interface CsvPage {
  text: Buffer;
  rows: number;
  /** The first field of the last record (the keyset cursor), null for an empty page. */
  last: string | null;
}

/**
 * COPY ends records with LF; RFC 4180 (and the export since its start) with CRLF. A line feed inside a
 * quoted field is data and stays. Pages without a quote (numbers and bands: nearly all) take the fast path.
 */
export function toCrlf(buf: Buffer): CsvPage {
  const parts: Buffer[] = [];
  let rows = 0;
  let start = 0;
  let lastStart = 0;
  const endRecord = (at: number): void => {
    parts.push(buf.subarray(start, at), CRLF);
    lastStart = start;
    start = at + 1;
    rows++;
  };
  if (buf.indexOf(QUOTE) === -1) {
    for (let i = buf.indexOf(LF); i !== -1; i = buf.indexOf(LF, i + 1)) endRecord(i);
  } else {
    let quoted = false;
    for (let i = 0; i < buf.length; i++) {
      const b = buf[i];
      if (b === QUOTE) quoted = !quoted;
      else if (b === LF && !quoted) endRecord(i);
    }
  }
  if (rows === 0) return { text: Buffer.alloc(0), rows: 0, last: null };
  const record = buf.subarray(lastStart);
  const comma = record.indexOf(COMMA);
  return {
    text: Buffer.concat(parts),
    rows,
    last: record.subarray(0, comma === -1 ? record.indexOf(LF) : comma).toString('latin1'),
  };
}

/** Runs `COPY (query) TO STDOUT WITH (FORMAT csv)` on a connection of its own; the whole page in one buffer. */
export async function copyCsv(pool: SqlPool, query: string): Promise<Buffer> {
  const client = await pool.connect();
  let failed = false;
  try {
    const chunks: Buffer[] = [];
    for await (const chunk of client.query(copyTo(`COPY (${query}) TO STDOUT WITH (FORMAT csv)`)))
      chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    client.release(failed);
  }
}
