import { FitsError } from './fits.error.js';
import type { Header } from './header.js';
import { BLOCK } from './header.parser.js';

/** What the buffer and the stream reader share: where things must be, and the errors when they are not. */

export const GZIP_MAGIC = [0x1f, 0x8b] as const;
/** Default cap on a gunzipped input, so a gzip bomb is refused instead of filling memory. */
export const DEFAULT_MAX_INFLATED_BYTES = 2 ** 30;

export interface ReadOptions {
  /** Largest decompressed size accepted for gzip input (default 1 GiB); beyond it: BAD_GZIP. */
  maxInflatedBytes?: number;
}

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1];
}

export function padded(length: number): number {
  return Math.ceil(length / BLOCK) * BLOCK;
}

export function startsWith(bytes: Uint8Array, offset: number, text: string): boolean {
  if (bytes.length - offset < text.length) return false;
  for (let i = 0; i < text.length; i++) if (bytes[offset + i] !== text.charCodeAt(i)) return false;
  return true;
}

export function allZero(bytes: Uint8Array, from = 0): boolean {
  for (let i = from; i < bytes.length; i++) if (bytes[i] !== 0) return false;
  return true;
}

export function notFits(first: Uint8Array): FitsError | undefined {
  if (first.length === 0) return new FitsError('NOT_FITS', 'the input is empty', { hdu: 0 });
  if (!startsWith(first, 0, 'SIMPLE  =')) {
    return new FitsError('NOT_FITS', 'the input does not start with a SIMPLE card', { hdu: 0, card: 1 });
  }
  return undefined;
}

/** The input ended while a header was being read. */
export function headerEndError(hdu: number, blocksRead: number, partialBytes: number): FitsError {
  if (partialBytes > 0) {
    return new FitsError(
      'TRUNCATED_HEADER',
      `the input ends ${partialBytes} bytes into header block ${blocksRead + 1} (a block is ${BLOCK} bytes), before END`,
      { hdu },
    );
  }
  return new FitsError(
    'MISSING_END',
    `the header runs to the end of the input (${blocksRead} blocks) without END`,
    {
      hdu,
    },
  );
}

/** Fewer data bytes than the header's size keywords promise. */
export function truncatedDataError(header: Header, needed: number, present: number): FitsError {
  return new FitsError(
    'TRUNCATED_DATA',
    `data needs ${needed} bytes (${sizeKeywords(header)}) but only ${present} remain`,
    { hdu: header.hdu, keyword: header.has('NAXIS2') ? 'NAXIS2' : 'NAXIS' },
  );
}

/** After an HDU's data there is something other than an XTENSION header: its size keywords lie. */
export function misalignedError(previous: Header, needed: number): FitsError {
  return new FitsError(
    'DATA_SIZE_MISMATCH',
    `no XTENSION header follows the ${needed} data bytes its size keywords promise (${sizeKeywords(previous)}): ` +
      'they do not match the data written',
    { hdu: previous.hdu, keyword: previous.has('NAXIS2') ? 'NAXIS2' : 'NAXIS' },
  );
}

function sizeKeywords(header: Header): string {
  const parts = [`BITPIX = ${header.get('BITPIX')}`];
  const naxis = Number(header.get('NAXIS') ?? 0);
  for (let i = 1; i <= Math.min(naxis, 9); i++) parts.push(`NAXIS${i} = ${header.get(`NAXIS${i}`)}`);
  const pcount = header.get('PCOUNT');
  if (pcount !== undefined && pcount !== 0) parts.push(`PCOUNT = ${pcount}`);
  return parts.join(', ');
}
