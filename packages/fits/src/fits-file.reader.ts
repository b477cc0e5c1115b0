import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { FitsError } from './fits.error.js';
import { decodeHdu, dataLength } from './hdu.decoder.js';
import type { Hdu } from './hdu.js';
import type { Header } from './header.js';
import { BLOCK, HeaderParser } from './header.parser.js';
import {
  allZero,
  DEFAULT_MAX_INFLATED_BYTES,
  headerEndError,
  isGzip,
  misalignedError,
  notFits,
  padded,
  startsWith,
  truncatedDataError,
  type ReadOptions,
} from './layout.js';

/**
 * The HDUs of a FITS file (or `.fits.gz`) one at a time, reading the file sequentially: memory holds one
 * HDU's data, not the file, and the caller may stop early. Same checks and errors as `readFits`.
 */
export async function* readFitsFile(path: string, options: ReadOptions = {}): AsyncGenerator<Hdu> {
  const handle = await open(path, 'r');
  const magic = Buffer.alloc(2);
  try {
    await handle.read(magic, 0, 2, 0);
  } finally {
    await handle.close();
  }
  const file = createReadStream(path);
  let source: Readable = file;
  if (isGzip(magic)) {
    const gunzip = createGunzip();
    // pipe() does not forward a read error; without this the gunzip side would wait forever.
    file.on('error', (error) => gunzip.destroy(error));
    source = file.pipe(gunzip);
  }
  const reader = new ChunkReader(
    source,
    isGzip(magic) ? (options.maxInflatedBytes ?? DEFAULT_MAX_INFLATED_BYTES) : Infinity,
  );
  try {
    yield* walk(reader);
  } finally {
    file.destroy();
    source.destroy();
  }
}

async function* walk(reader: ChunkReader): AsyncGenerator<Hdu> {
  const first = await reader.peek(BLOCK);
  const invalid = notFits(first);
  if (invalid) throw invalid;
  let index = 0;
  let previous: { header: Header; length: number } | undefined;
  for (;;) {
    const head = await reader.peek(8);
    if (head.length === 0) return;
    if (previous && !startsWith(head, 0, 'XTENSION')) {
      if (await reader.restIsZero()) return;
      throw misalignedError(previous.header, previous.length);
    }
    const parser = new HeaderParser(index);
    while (!parser.done) {
      const block = await reader.read(BLOCK);
      if (block.length < BLOCK) throw headerEndError(index, parser.byteLength / BLOCK, block.length);
      parser.push(block);
    }
    const header = parser.header();
    const length = dataLength(header);
    // Chunks are gathered as they arrive, so a lying NAXIS costs at most the bytes really there.
    const data = await reader.read(length);
    if (data.length < length) throw truncatedDataError(header, length, data.length);
    await reader.read(padded(length) - length);
    yield decodeHdu(header, data);
    previous = { header, length };
    index++;
  }
}

/** Exact-size reads over a stream of chunks of any size. */
class ChunkReader {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private ended = false;
  private total = 0;
  private readonly iterator: AsyncIterator<Buffer>;

  constructor(
    stream: Readable,
    private readonly maxBytes: number,
  ) {
    this.iterator = stream[Symbol.asyncIterator]();
  }

  /** Up to `n` bytes without consuming them (fewer only at the end of the input). */
  async peek(n: number): Promise<Buffer> {
    await this.fill(n);
    const all = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
    this.chunks = all.length ? [all] : [];
    return all.subarray(0, n);
  }

  /** `n` bytes (fewer only at the end of the input). */
  async read(n: number): Promise<Buffer> {
    if (n === 0) return Buffer.alloc(0);
    await this.fill(n);
    const all = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
    const out = all.subarray(0, n);
    const rest = all.subarray(out.length);
    this.chunks = rest.length ? [rest] : [];
    this.buffered = rest.length;
    return out;
  }

  async restIsZero(): Promise<boolean> {
    for (;;) {
      if (!this.chunks.every((c) => allZero(c))) return false;
      this.chunks = [];
      this.buffered = 0;
      if (this.ended) return true;
      await this.fill(1);
      if (this.buffered === 0) return true;
    }
  }

  private async fill(n: number): Promise<void> {
    while (this.buffered < n && !this.ended) {
      let next: IteratorResult<Buffer>;
      try {
        next = await this.iterator.next();
      } catch (error) {
        // zlib's errors (Z_DATA_ERROR, Z_BUF_ERROR…) mean a corrupt gzip; a disk error stays what it is.
        if (!String((error as NodeJS.ErrnoException).code ?? '').startsWith('Z_')) throw error;
        throw new FitsError('BAD_GZIP', `the gzip input cannot be inflated: ${(error as Error).message}`);
      }
      if (next.done) {
        this.ended = true;
        break;
      }
      this.total += next.value.length;
      if (this.total > this.maxBytes) {
        throw new FitsError('BAD_GZIP', `the gzip input inflates to more than ${this.maxBytes} bytes`);
      }
      this.chunks.push(next.value);
      this.buffered += next.value.length;
    }
  }
}
