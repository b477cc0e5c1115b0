import { FitsError } from './fits.error.js';

export interface Tform {
  repeat: number;
  type: string;
  /** Bytes per row. */
  width: number;
}

/** Bytes per element; `X` is bits (rounded up to bytes per row). */
const SIZES: Record<string, number> = { L: 1, B: 1, I: 2, J: 4, K: 8, A: 1, E: 4, D: 8, C: 8, M: 16 };

/** `1855D`, `60E`, `20A`, `K` → repeat, letter, row width; anything else is UNKNOWN_TFORM / UNSUPPORTED. */
export function parseTform(text: string, hdu: number, keyword: string): Tform {
  const m = /^\s*(\d*)([A-Z])(.*)$/.exec(text);
  if (!m) throw new FitsError('UNKNOWN_TFORM', `${JSON.stringify(text)} is not a TFORM`, { hdu, keyword });
  const repeat = m[1] === '' ? 1 : Number(m[1]);
  const type = m[2];
  if (!Number.isSafeInteger(repeat)) {
    throw new FitsError('UNKNOWN_TFORM', `repeat count in ${JSON.stringify(text)} is too large`, {
      hdu,
      keyword,
    });
  }
  if (type === 'P' || type === 'Q') {
    throw new FitsError('UNSUPPORTED', `variable-length array column ${JSON.stringify(text)}`, {
      hdu,
      keyword,
    });
  }
  if (type === 'X') return { repeat, type, width: Math.ceil(repeat / 8) };
  const size = SIZES[type];
  if (size === undefined) {
    throw new FitsError('UNKNOWN_TFORM', `unknown data type ${type} in ${JSON.stringify(text)}`, {
      hdu,
      keyword,
    });
  }
  return { repeat, type, width: repeat * size };
}
