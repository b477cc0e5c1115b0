import { gunzipSync } from 'node:zlib';
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
 * Every HDU of a FITS file held in memory (gzip detected by its magic bytes and inflated). Throws
 * `FitsError` for anything malformed; sizes are checked against the bytes present before anything is
 * allocated for the data.
 */
export function readFits(input: Uint8Array, options: ReadOptions = {}): Hdu[] {
  const bytes = Buffer.isBuffer(input)
    ? input
    : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const data = isGzip(bytes) ? inflate(bytes, options.maxInflatedBytes ?? DEFAULT_MAX_INFLATED_BYTES) : bytes;
  const invalid = notFits(data);
  if (invalid) throw invalid;
  const hdus: Hdu[] = [];
  let offset = 0;
  let previous: { header: Header; length: number } | undefined;
  while (offset < data.length) {
    if (previous) {
      // Zero bytes after the last HDU are tolerated (some writers pad a whole extra block).
      if (allZero(data, offset)) break;
      if (!startsWith(data, offset, 'XTENSION')) throw misalignedError(previous.header, previous.length);
    }
    const parser = new HeaderParser(hdus.length);
    while (!parser.done) {
      const remaining = data.length - offset;
      if (remaining < BLOCK) throw headerEndError(parser.hdu, parser.byteLength / BLOCK, remaining);
      parser.push(data.subarray(offset, offset + BLOCK));
      offset += BLOCK;
    }
    const header = parser.header();
    const length = dataLength(header);
    const present = data.length - offset;
    if (length > present) throw truncatedDataError(header, length, present);
    hdus.push(decodeHdu(header, data.subarray(offset, offset + length)));
    offset += padded(length);
    previous = { header, length };
  }
  return hdus;
}

/** The HDU whose EXTNAME is `name` (case-insensitive, as FITS keywords are compared). */
export function findHdu(hdus: readonly Hdu[], name: string): Hdu | undefined {
  const wanted = name.toUpperCase();
  return hdus.find((h) => h.name?.toUpperCase() === wanted);
}

function inflate(bytes: Buffer, maxOutputLength: number): Buffer {
  try {
    return gunzipSync(bytes, { maxOutputLength });
  } catch (error) {
    const detail =
      (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE'
        ? `it inflates to more than ${maxOutputLength} bytes`
        : (error as Error).message;
    throw new FitsError('BAD_GZIP', `the gzip input cannot be inflated: ${detail}`);
  }
}
