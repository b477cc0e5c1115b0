import type { Header } from './header.js';
import type { NumericArray } from './typed.decoder.js';

/** A binary-table column's values: numbers as typed arrays, `A` as trimmed strings, `L` as booleans. */
export type ColumnData = NumericArray | string[] | (boolean | null)[];

export interface Column {
  /** TTYPEn (original case), or `COLn` when absent. */
  name: string;
  unit?: string;
  /** TFORMn as written, e.g. `1855D`, `60E`, `20A`. */
  tform: string;
  /** The TFORM letter. */
  type: string;
  /** Elements per row (characters per row for `A`). */
  repeat: number;
  /**
   * Row-major shape: `[rows]` for one element per row, `[rows, repeat]` (or `[rows, …TDIM reversed]`)
   * otherwise; complex columns add a trailing 2 (re, im). For `A`, `[rows]` (one string per row).
   */
  shape: number[];
  data: ColumnData;
}

interface HduBase {
  /** 0 for the primary HDU. */
  index: number;
  header: Header;
  /** EXTNAME, when present. */
  name?: string;
}

export interface ImageHdu extends HduBase {
  kind: 'image';
  bitpix: number;
  /** Row-major (numpy order): NAXIS1 is the last, fastest-varying axis. Empty when NAXIS = 0. */
  shape: number[];
  /** BSCALE/BZERO applied; null when the HDU has no data. */
  data: NumericArray | null;
}

export interface BinTableHdu extends HduBase {
  kind: 'bintable';
  rows: number;
  columns: Column[];
}

/** An extension this reader does not decode (ASCII TABLE, foreign types): header only, data skipped. */
export interface OtherHdu extends HduBase {
  kind: 'other';
  xtension: string;
}

export type Hdu = ImageHdu | BinTableHdu | OtherHdu;
