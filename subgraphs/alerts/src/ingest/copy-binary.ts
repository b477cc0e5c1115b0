import type pg from 'pg';

/** The binary COPY file's signature, flags and header extension length (PostgreSQL's COPY, "Binary Format"). */
const HEADER = Buffer.concat([Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.alloc(8)]);
const PART = 1 << 16;

/** A table's rows as binary COPY data, ready to send (as often as needed). */
export interface CopyData {
  parts: Buffer[];
  rows: number;
}

/** A float column's binary format: `real` (float4) or `double precision` (float8). */
export type FloatColumn = 'float4' | 'float8';

/**
 * Tuples in PostgreSQL's binary COPY format, written straight from ids and numbers: nothing printed as text
 * on this side (the text lines were most of the JS work of a store), nothing parsed on the server's (which
 * saves it little: its time goes into the heap and the indexes). A float4 column takes the value rounded to
 * 32 bits; the record checks keep out what would not fit. Written through a DataView: its setters are V8
 * builtins, 5–10× faster than Buffer's write methods for int8 (no BigInt arithmetic) and for int32.
 */
export class CopyBinaryWriter {
  private readonly parts: Buffer[] = [];
  private buf = Buffer.allocUnsafe(PART);
  private view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.length);
  private pos = 0;
  /** Tuples written. */
  rows = 0;

  constructor() {
    this.pos = HEADER.copy(this.buf, 0);
  }

  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    this.parts.push(this.buf.subarray(0, this.pos));
    this.buf = Buffer.allocUnsafe(Math.max(PART, n));
    this.view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.length);
    this.pos = 0;
  }

  /** Starts a tuple of `fields` values. */
  tuple(fields: number): void {
    this.room(2);
    this.view.setInt16(this.pos, fields);
    this.pos += 2;
    this.rows++;
  }

  null(): void {
    this.room(4);
    this.view.setInt32(this.pos, -1);
    this.pos += 4;
  }

  int8(v: bigint): void {
    this.room(12);
    this.view.setInt32(this.pos, 8);
    this.view.setBigInt64(this.pos + 4, v);
    this.pos += 12;
  }

  int4(v: number): void {
    this.room(8);
    this.view.setInt32(this.pos, 4);
    this.view.setInt32(this.pos + 4, v);
    this.pos += 8;
  }

  float8(v: number | null): void {
    if (v === null) return this.null();
    this.room(12);
    this.view.setInt32(this.pos, 8);
    this.view.setFloat64(this.pos + 4, v);
    this.pos += 12;
  }

  float4(v: number | null): void {
    if (v === null) return this.null();
    this.room(8);
    this.view.setInt32(this.pos, 4);
    this.view.setFloat32(this.pos + 4, v);
    this.pos += 8;
  }

  text(s: string | null): void {
    if (s === null) return this.null();
    // Short ASCII (a band, a sim version) byte by byte: a native call per field cost more than the field.
    if (s.length <= 16) {
      let ascii = true;
      for (let i = 0; i < s.length && ascii; i++) ascii = s.charCodeAt(i) < 0x80;
      if (ascii) {
        this.room(4 + s.length);
        const buf = this.buf;
        this.view.setInt32(this.pos, s.length);
        let pos = this.pos + 4;
        for (let i = 0; i < s.length; i++) buf[pos++] = s.charCodeAt(i);
        this.pos = pos;
        return;
      }
    }
    const n = Buffer.byteLength(s);
    this.room(4 + n);
    this.view.setInt32(this.pos, n);
    this.pos += 4 + this.buf.write(s, this.pos + 4, 'utf8');
  }

  /** The whole COPY data, trailer included; the writer is done. */
  end(): CopyData {
    this.room(2);
    this.view.setInt16(this.pos, -1);
    this.pos += 2;
    this.parts.push(this.buf.subarray(0, this.pos));
    return { parts: this.parts, rows: this.rows };
  }
}

/** A binary COPY into `table (columns)`, as a step of `runPipelined`. */
export interface CopyStep {
  table: string;
  columns: readonly string[];
  data: CopyData;
}

const copyStatement = ({ table, columns }: CopyStep): string =>
  `COPY ${table} (${columns.map((c) => `"${c}"`).join(', ')}) FROM STDIN (FORMAT binary)`;

/**
 * Statements and binary COPYs as one simple Query message with every COPY's data written right behind it: the
 * server runs them back to back, never waiting for this process (a COPY otherwise costs two round trips, each
 * waiting for an event loop busy decoding the next chunk). The protocol allows it: the server reads a COPY's data
 * when it gets there, and after an error it skips the rest of the message and drops the data still to come
 * ("Copy Operations", Frontend/Backend Protocol). Rejects with the first error; then nothing after the failing
 * statement ran. A COPY without rows is left out. Without a BEGIN the steps run as one implicit transaction; a
 * string step must not be a COPY (the data behind the message belongs to the `CopyStep`s, in order).
 */
export function runPipelined(client: pg.ClientBase, steps: readonly (string | CopyStep)[]): Promise<void> {
  const kept = steps.filter((s) => typeof s === 'string' || s.data.rows > 0);
  const text = kept.map((s) => (typeof s === 'string' ? s : copyStatement(s))).join('; ');
  return new Promise<void>((resolve, reject) => {
    client.query(
      new PipelinedQuery(
        text,
        kept.filter((s): s is CopyStep => typeof s !== 'string'),
        resolve,
        reject,
      ),
    );
  });
}

/** Message type bytes of the frontend protocol. */
const QUERY = 0x51;
const COPY_DATA = 0x64;
const COPY_DONE = Buffer.from([0x63, 0, 0, 0, 4]);

const header = (type: number, bodyLength: number): Buffer => {
  const b = Buffer.allocUnsafe(5);
  b[0] = type;
  b.writeUInt32BE(bodyLength + 4, 1);
  return b;
};

/** A pg "submittable": the client hands it the connection when its turn comes and routes the replies to it. */
class PipelinedQuery {
  private failed = false;

  constructor(
    private readonly text: string,
    private readonly copies: readonly CopyStep[],
    private readonly resolve: () => void,
    private readonly reject: (error: unknown) => void,
  ) {}

  submit(connection: { stream: NodeJS.WritableStream & { cork(): void; uncork(): void } }): void {
    const stream = connection.stream;
    const query = Buffer.from(`${this.text}\0`, 'utf8');
    stream.cork();
    stream.write(header(QUERY, query.length));
    stream.write(query);
    for (const copy of this.copies) {
      for (const part of copy.data.parts) {
        stream.write(header(COPY_DATA, part.length));
        stream.write(part);
      }
      stream.write(COPY_DONE);
    }
    stream.uncork();
  }

  /** Wrapped by pg when `query_timeout` is set (the wrapper clears its timer): called once the query is over. */
  callback(): void {}

  handleCopyInResponse(): void {}
  handleCommandComplete(): void {}
  handleRowDescription(): void {}
  handleDataRow(): void {}
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}
  handleCopyData(): void {}

  /** pg routes only the first error here (then ReadyForQuery goes to no one): the query is over. */
  handleError(error: unknown): void {
    this.failed = true;
    this.callback();
    this.reject(error);
  }

  handleReadyForQuery(): void {
    if (this.failed) return;
    this.callback();
    this.resolve();
  }
}
