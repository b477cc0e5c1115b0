import { endianness } from 'node:os';
import { headerBytes, type WriteCard } from './card.writer.js';
import { FitsError } from './fits.error.js';
import { BLOCK } from './header.parser.js';
import type { NumericArray } from './typed.decoder.js';

export interface WriteColumn {
  name: string;
  /** `rows × repeat` numbers (row-major), one string per row, or `rows × repeat` logicals. */
  data: NumericArray | string[] | boolean[];
  unit?: string;
  /** Elements per row (default 1): `1855` writes TFORM `1855D`. Ignored for strings. */
  repeat?: number;
  /** Characters per row for strings (default: the longest value, at least 1). */
  width?: number;
}

export type WriteHdu =
  | {
      kind: 'image';
      name?: string;
      /** Row-major (numpy order): the last axis is NAXIS1. Empty with `data: null` for no data. */
      shape: number[];
      data: NumericArray | null;
      cards?: WriteCard[];
    }
  | { kind: 'bintable'; name?: string; columns: WriteColumn[]; cards?: WriteCard[] };

interface Encoding {
  code: string;
  bitpix: number;
  size: number;
  /** TZERO/BZERO of the standard unsigned (or signed-byte) convention. */
  zero?: number | bigint;
}

const SWAP = endianness() === 'LE';

/**
 * A FITS file from HDUs: the first is the primary (an empty primary is added when it is a table); typed
 * arrays choose BITPIX / TFORM (unsigned arrays use the TZERO/BZERO convention); EXTNAME from `name`.
 */
export function writeFits(hdus: WriteHdu[]): Buffer {
  const all: WriteHdu[] =
    hdus[0]?.kind === 'image' ? hdus : [{ kind: 'image', shape: [], data: null }, ...hdus];
  const parts = all.map((hdu, i) => (hdu.kind === 'image' ? image(hdu, i, all.length > 1) : table(hdu)));
  return Buffer.concat(parts.flat());
}

function image(hdu: Extract<WriteHdu, { kind: 'image' }>, index: number, extend: boolean): Buffer[] {
  const count = hdu.shape.reduce((a, b) => a * b, 1);
  if (hdu.data ? count !== hdu.data.length : hdu.shape.length > 0) {
    throw new FitsError(
      'INVALID_WRITE',
      `image shape [${hdu.shape}] does not hold ${hdu.data?.length ?? 0} values`,
    );
  }
  const enc = hdu.data ? encodingOf(hdu.data) : { code: 'B', bitpix: 8, size: 1 };
  const axes = [...hdu.shape].reverse();
  const cards: WriteCard[] = [
    index === 0 ? { keyword: 'SIMPLE', value: true } : { keyword: 'XTENSION', value: 'IMAGE' },
    { keyword: 'BITPIX', value: enc.bitpix },
    { keyword: 'NAXIS', value: axes.length },
    ...axes.map((n, i) => ({ keyword: `NAXIS${i + 1}`, value: n })),
    ...(index === 0
      ? extend
        ? [{ keyword: 'EXTEND', value: true }]
        : []
      : [
          { keyword: 'PCOUNT', value: 0 },
          { keyword: 'GCOUNT', value: 1 },
        ]),
    ...(enc.zero !== undefined
      ? [
          { keyword: 'BSCALE', value: 1 },
          { keyword: 'BZERO', value: enc.zero },
        ]
      : []),
    ...(hdu.name !== undefined ? [{ keyword: 'EXTNAME', value: hdu.name }] : []),
    ...(hdu.cards ?? []),
  ];
  return [headerBytes(cards), hdu.data ? pad(bigEndian(hdu.data, enc)) : Buffer.alloc(0)];
}

function table(hdu: Extract<WriteHdu, { kind: 'bintable' }>): Buffer[] {
  const layouts = hdu.columns.map(columnLayout);
  const rows = layouts[0]?.rows ?? 0;
  for (const l of layouts) {
    if (l.rows !== rows) {
      throw new FitsError(
        'INVALID_WRITE',
        `column ${l.column.name} has ${l.rows} rows, the first has ${rows}`,
      );
    }
  }
  const rowWidth = layouts.reduce((sum, l) => sum + l.width, 0);
  const data = Buffer.alloc(rows * rowWidth);
  let offset = 0;
  for (const l of layouts) {
    const bytes = l.bytes();
    for (let r = 0; r < rows; r++) bytes.copy(data, r * rowWidth + offset, r * l.width, (r + 1) * l.width);
    offset += l.width;
  }
  const cards: WriteCard[] = [
    { keyword: 'XTENSION', value: 'BINTABLE' },
    { keyword: 'BITPIX', value: 8 },
    { keyword: 'NAXIS', value: 2 },
    { keyword: 'NAXIS1', value: rowWidth },
    { keyword: 'NAXIS2', value: rows },
    { keyword: 'PCOUNT', value: 0 },
    { keyword: 'GCOUNT', value: 1 },
    { keyword: 'TFIELDS', value: layouts.length },
    ...layouts.flatMap((l, i) => [
      { keyword: `TTYPE${i + 1}`, value: l.column.name },
      { keyword: `TFORM${i + 1}`, value: l.tform },
      ...(l.column.unit !== undefined ? [{ keyword: `TUNIT${i + 1}`, value: l.column.unit }] : []),
      ...(l.zero !== undefined
        ? [
            { keyword: `TSCAL${i + 1}`, value: 1 },
            { keyword: `TZERO${i + 1}`, value: l.zero },
          ]
        : []),
    ]),
    ...(hdu.name !== undefined ? [{ keyword: 'EXTNAME', value: hdu.name }] : []),
    ...(hdu.cards ?? []),
  ];
  return [headerBytes(cards), pad(data)];
}

interface ColumnLayout {
  column: WriteColumn;
  rows: number;
  width: number;
  tform: string;
  zero?: number | bigint;
  bytes(): Buffer;
}

function columnLayout(column: WriteColumn): ColumnLayout {
  const { data } = column;
  if (Array.isArray(data) && (data.length === 0 || typeof data[0] === 'string')) {
    const strings = data as string[];
    const width = column.width ?? Math.max(1, ...strings.map((s) => s.length));
    return {
      column,
      rows: strings.length,
      width,
      tform: `${width}A`,
      bytes: () => {
        const out = Buffer.alloc(strings.length * width);
        strings.forEach((s, r) => {
          if (s.length > width || !/^[\x20-\x7e]*$/.test(s)) {
            throw new FitsError(
              'INVALID_WRITE',
              `${column.name}[${r}] is not ≤ ${width} printable ASCII characters`,
            );
          }
          out.write(s, r * width, 'latin1');
        });
        return out;
      },
    };
  }
  const repeat = column.repeat ?? 1;
  if (!Number.isInteger(repeat) || repeat < 1 || data.length % repeat !== 0) {
    throw new FitsError(
      'INVALID_WRITE',
      `column ${column.name}: ${data.length} values are not rows of ${repeat}`,
    );
  }
  const rows = data.length / repeat;
  if (Array.isArray(data)) {
    const flags = data as boolean[];
    return {
      column,
      rows,
      width: repeat,
      tform: `${repeat}L`,
      bytes: () => Buffer.from(flags.map((b) => (b ? 0x54 : 0x46))),
    };
  }
  const enc = encodingOf(data);
  return {
    column,
    rows,
    width: repeat * enc.size,
    tform: `${repeat}${enc.code}`,
    ...(enc.zero !== undefined && { zero: enc.zero }),
    bytes: () => bigEndian(data, enc),
  };
}

function encodingOf(data: NumericArray): Encoding {
  if (data instanceof Float64Array) return { code: 'D', bitpix: -64, size: 8 };
  if (data instanceof Float32Array) return { code: 'E', bitpix: -32, size: 4 };
  if (data instanceof BigInt64Array) return { code: 'K', bitpix: 64, size: 8 };
  if (data instanceof BigUint64Array) return { code: 'K', bitpix: 64, size: 8, zero: 9223372036854775808n };
  if (data instanceof Int32Array) return { code: 'J', bitpix: 32, size: 4 };
  if (data instanceof Uint32Array) return { code: 'J', bitpix: 32, size: 4, zero: 2147483648 };
  if (data instanceof Int16Array) return { code: 'I', bitpix: 16, size: 2 };
  if (data instanceof Uint16Array) return { code: 'I', bitpix: 16, size: 2, zero: 32768 };
  if (data instanceof Int8Array) return { code: 'B', bitpix: 8, size: 1, zero: -128 };
  return { code: 'B', bitpix: 8, size: 1 };
}

/** The values as FITS bytes: a copy, the sign bit flipped for the offset conventions, then byte-swapped. */
function bigEndian(data: NumericArray, enc: Encoding): Buffer {
  const out = Buffer.from(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  if (enc.zero !== undefined) {
    const top = SWAP ? enc.size - 1 : 0;
    for (let i = top; i < out.length; i += enc.size) out[i] ^= 0x80;
  }
  if (SWAP && enc.size === 2) out.swap16();
  else if (SWAP && enc.size === 4) out.swap32();
  else if (SWAP && enc.size === 8) out.swap64();
  return out;
}

function pad(data: Buffer): Buffer {
  const padded = Math.ceil(data.length / BLOCK) * BLOCK;
  return padded === data.length ? data : Buffer.concat([data, Buffer.alloc(padded - data.length)]);
}
