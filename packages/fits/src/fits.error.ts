/** Why a FITS input was refused; stable strings a caller may store (e.g. as a quarantine reason). */
export type FitsErrorReason =
  | 'NOT_FITS'
  | 'BAD_GZIP'
  | 'TRUNCATED_HEADER'
  | 'MISSING_END'
  | 'BAD_CARD'
  | 'BAD_KEYWORD'
  | 'BAD_BITPIX'
  | 'BAD_NAXIS'
  | 'UNKNOWN_TFORM'
  | 'ROW_WIDTH_MISMATCH'
  | 'TRUNCATED_DATA'
  | 'DATA_SIZE_MISMATCH'
  | 'UNSUPPORTED'
  | 'NOT_A_RESULTS_FILE'
  | 'NOT_A_GEOMETRY_FILE'
  | 'INVALID_WRITE';

/** Where in the input the problem was found: HDU index (0 = primary) and, for header problems, the card. */
export interface FitsErrorLocation {
  hdu?: number;
  /** 1-based card number within the HDU's header. */
  card?: number;
  /** The keyword involved (`NAXIS2`, `TFORM3`…). */
  keyword?: string;
}

/**
 * Every refusal of the reader, writer and NectarCAM helpers: malformed input never crashes with a
 * RangeError or allocates what the input does not hold; it raises this, with `reason` and the place.
 */
export class FitsError extends Error {
  override readonly name = 'FitsError';
  readonly reason: FitsErrorReason;
  readonly hdu?: number;
  readonly card?: number;
  readonly keyword?: string;

  constructor(reason: FitsErrorReason, message: string, where: FitsErrorLocation = {}) {
    super(`${reason}: ${message}${describe(where)}`);
    this.reason = reason;
    this.hdu = where.hdu;
    this.card = where.card;
    this.keyword = where.keyword;
  }
}

function describe(where: FitsErrorLocation): string {
  const parts: string[] = [];
  if (where.hdu !== undefined) parts.push(`HDU ${where.hdu}`);
  if (where.card !== undefined) parts.push(`card ${where.card}`);
  if (where.keyword !== undefined) parts.push(where.keyword);
  return parts.length ? ` (${parts.join(', ')})` : '';
}
