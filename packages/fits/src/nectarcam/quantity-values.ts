import { endianness } from 'node:os';
import type { ColumnData } from '../hdu.js';
import type { NumericArray } from '../typed.decoder.js';

/** Element type of a stored value array. */
export type Dtype = 'f64' | 'f32' | 'i64' | 'u64' | 'i32' | 'u32' | 'i16' | 'u16' | 'i8' | 'u8' | 'bool';

/** Numbers (or logicals) as one compact little-endian byte array, e.g. 1855 × 8 bytes for `1855D`. */
export interface ArrayValues {
  dtype: Dtype;
  /** Row-major, e.g. `[1855]` or `[1855, 60]`. */
  shape: number[];
  /** `bool`: one byte each, 1 = true, 0 = false (FITS's undefined logical is stored as 0). */
  bytes: Buffer;
}

export interface StringValues {
  dtype: 'str';
  shape: number[];
  strings: string[];
}

export type Values = ArrayValues | StringValues;

const LITTLE = endianness() === 'LE';

const CTORS = {
  f64: Float64Array,
  f32: Float32Array,
  i64: BigInt64Array,
  u64: BigUint64Array,
  i32: Int32Array,
  u32: Uint32Array,
  i16: Int16Array,
  u16: Uint16Array,
  i8: Int8Array,
  u8: Uint8Array,
} as const;

/** A decoded column or image as stored values; numeric arrays share the decoder's memory (no copy on LE). */
export function toValues(data: ColumnData, shape: number[]): Values {
  if (Array.isArray(data)) {
    if (data.length === 0 || typeof data[0] === 'string')
      return { dtype: 'str', shape, strings: data as string[] };
    return { dtype: 'bool', shape, bytes: Buffer.from((data as (boolean | null)[]).map((b) => (b ? 1 : 0))) };
  }
  const dtype = dtypeOf(data);
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return { dtype, shape, bytes: LITTLE ? bytes : swapped(Buffer.from(bytes), data.BYTES_PER_ELEMENT) };
}

/** The typed array back from stored bytes (copied, so it is aligned whatever the bytes' offset). */
export function fromValues(values: ArrayValues): NumericArray | boolean[] {
  if (values.dtype === 'bool') return [...values.bytes].map((b) => b !== 0);
  const ctor = CTORS[values.dtype];
  const copy = new Uint8Array(values.bytes.byteLength);
  copy.set(values.bytes);
  if (!LITTLE) swapped(Buffer.from(copy.buffer), ctor.BYTES_PER_ELEMENT);
  return new ctor(copy.buffer, 0, copy.byteLength / ctor.BYTES_PER_ELEMENT);
}

function dtypeOf(data: NumericArray): Exclude<Dtype, 'bool'> {
  for (const [dtype, ctor] of Object.entries(CTORS)) {
    if (data instanceof ctor) return dtype as Exclude<Dtype, 'bool'>;
  }
  throw new TypeError('not a numeric typed array');
}

function swapped(bytes: Buffer, size: number): Buffer {
  if (size === 2) bytes.swap16();
  else if (size === 4) bytes.swap32();
  else if (size === 8) bytes.swap64();
  return bytes;
}
