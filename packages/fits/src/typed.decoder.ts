import { endianness } from 'node:os';

/** Numeric element types of FITS data, by their binary-table letter. */
export type NumericCode = 'B' | 'I' | 'J' | 'K' | 'E' | 'D';

export type NumericArray =
  | Uint8Array
  | Int8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array
  | Float32Array
  | Float64Array;

export const ELEMENT_SIZE: Record<NumericCode, number> = { B: 1, I: 2, J: 4, K: 8, E: 4, D: 8 };

const SWAP_NEEDED = endianness() === 'LE';

/**
 * Big-endian FITS bytes (already copied into a fresh buffer of exactly `count` elements) turned into the
 * native typed array in place: one native byte swap over the whole buffer, no per-value loop.
 */
export function nativeArray(bytes: Buffer, code: NumericCode): NumericArray {
  const size = ELEMENT_SIZE[code];
  if (SWAP_NEEDED) {
    if (size === 2) bytes.swap16();
    else if (size === 4) bytes.swap32();
    else if (size === 8) bytes.swap64();
  }
  const { buffer, byteOffset } = bytes;
  const n = bytes.length / size;
  switch (code) {
    case 'B':
      return new Uint8Array(buffer, byteOffset, n);
    case 'I':
      return new Int16Array(buffer, byteOffset, n);
    case 'J':
      return new Int32Array(buffer, byteOffset, n);
    case 'K':
      return new BigInt64Array(buffer, byteOffset, n);
    case 'E':
      return new Float32Array(buffer, byteOffset, n);
    case 'D':
      return new Float64Array(buffer, byteOffset, n);
  }
}

/** A zeroed buffer that owns its ArrayBuffer at offset 0, so every typed view on it is aligned. */
export function alignedBuffer(byteLength: number): Buffer {
  return Buffer.from(new ArrayBuffer(byteLength));
}

/**
 * TSCAL/TZERO (tables) or BSCALE/BZERO (images) applied. The standard unsigned conventions (zero = 2^(n-1),
 * scale 1, or −128 for bytes) become the matching unsigned/signed typed array exactly, by flipping the sign
 * bit; any other scaling gives Float64Array. 64-bit integers never go through a double unless scaled.
 */
export function applyScaling(
  raw: NumericArray,
  code: NumericCode,
  scale: number | bigint | undefined,
  zero: number | bigint | undefined,
): NumericArray {
  const s = scale ?? 1;
  const z = zero ?? 0;
  if ((s === 1 || s === 1n) && (z === 0 || z === 0n)) return raw;
  if (s === 1 || s === 1n) {
    if (code === 'B' && Number(z) === -128) return flipSign(raw, Int8Array);
    if (code === 'I' && Number(z) === 32768) return flipSign(raw, Uint16Array);
    if (code === 'J' && Number(z) === 2147483648) return flipSign(raw, Uint32Array);
    if (code === 'K' && z === 9223372036854775808n) return flipSign(raw, BigUint64Array);
  }
  const sn = Number(s);
  const zn = Number(z);
  const out = new Float64Array(raw.length);
  if (raw instanceof BigInt64Array) {
    for (let i = 0; i < raw.length; i++) out[i] = Number(raw[i]) * sn + zn;
  } else {
    for (let i = 0; i < raw.length; i++) out[i] = (raw as Float64Array)[i] * sn + zn;
  }
  return out;
}

type Ctor<T> = new (buffer: ArrayBufferLike, byteOffset: number, length: number) => T;

function flipSign<T extends NumericArray>(raw: NumericArray, ctor: Ctor<T>): T {
  // Adding the offset 2^(n-1) and wrapping is the same as flipping the top bit of each (native) element.
  const bytes = new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength);
  const size = raw.BYTES_PER_ELEMENT;
  const top = SWAP_NEEDED ? size - 1 : 0;
  for (let i = top; i < bytes.length; i += size) bytes[i] ^= 0x80;
  return new ctor(raw.buffer, raw.byteOffset, raw.length);
}
