import { FitsError } from '../fits.error.js';
import { readFits } from '../fits.reader.js';
import type { Hdu } from '../hdu.js';
import type { CardValue } from '../header.js';
import type { ReadOptions } from '../layout.js';
import { toValues, type Values } from './quantity-values.js';

export type Gain = 'HIGH' | 'LOW';

interface QuantityBase {
  /** Canonical key: the EXTNAME (astropy upper-cases it) without the gain suffix, e.g. `CAMERA-AVERAGE-PHY-OVEREVENTS-OVERSAMP`. */
  key: string;
  /** The name as the DQM wrote it where the file keeps it (a one-column table's TTYPE), without the gain suffix. */
  label: string;
  gain: Gain | null;
  /** The HDU's EXTNAME as written. */
  extname: string;
  hdu: number;
}

/** A 0/1-D array (one-column BinTable) or a 2-D array (Image HDU). */
export interface ArrayQuantity extends QuantityBase {
  kind: 'array';
  unit?: string;
  values: Values;
}

/** A dict written as a BinTable with one column per key (TRIGGER-STATISTICS, START-TIMES…). */
export interface RecordQuantity extends QuantityBase {
  kind: 'record';
  columns: Record<string, Values & { unit?: string }>;
}

export type Quantity = ArrayQuantity | RecordQuantity;

export interface NectarcamResults {
  /** The primary header's values (usually just the mandatory cards). */
  primary: Record<string, CardValue>;
  quantities: Quantity[];
}

const GAIN_SUFFIX = /-(HIGH|LOW)-GAIN$/i;

/**
 * A NectarCAM DQM `*_Results.fits`: one quantity per extension HDU, values kept as compact typed bytes.
 * The whole file is checked before anything is returned, so a caller stores all of it or none.
 */
export function parseNectarcamResults(input: Uint8Array, options: ReadOptions = {}): NectarcamResults {
  const hdus = readFits(input, options);
  const [primary, ...extensions] = hdus;
  if (primary.kind === 'image' && primary.data !== null) {
    throw new FitsError('NOT_A_RESULTS_FILE', 'the primary HDU holds data; results are in extensions only', {
      hdu: 0,
    });
  }
  return { primary: primary.header.toRecord(), quantities: extensions.map(toQuantity) };
}

/** `X-HIGH-GAIN` → `{ base: 'X', gain: 'HIGH' }`; no suffix → gain null. */
export function splitGain(name: string): { base: string; gain: Gain | null } {
  const m = GAIN_SUFFIX.exec(name);
  if (!m) return { base: name, gain: null };
  return { base: name.slice(0, m.index), gain: m[1].toUpperCase() as Gain };
}

function toQuantity(hdu: Hdu): Quantity {
  if (hdu.name === undefined || hdu.name === '') {
    throw new FitsError('NOT_A_RESULTS_FILE', 'an extension without EXTNAME cannot be named as a quantity', {
      hdu: hdu.index,
      keyword: 'EXTNAME',
    });
  }
  const ext = splitGain(hdu.name);
  const base = { key: ext.base.toUpperCase(), extname: hdu.name, hdu: hdu.index };
  if (hdu.kind === 'image') {
    if (hdu.data === null) {
      throw new FitsError('NOT_A_RESULTS_FILE', 'an Image HDU without data is not a quantity', {
        hdu: hdu.index,
      });
    }
    const unit = hdu.header.string('BUNIT');
    return {
      ...base,
      kind: 'array',
      label: ext.base,
      gain: ext.gain,
      ...(unit !== undefined && { unit }),
      values: toValues(hdu.data, hdu.shape),
    };
  }
  if (hdu.kind === 'other') {
    throw new FitsError('UNSUPPORTED', `a ${hdu.xtension} extension is not a NectarCAM quantity`, {
      hdu: hdu.index,
    });
  }
  const [first] = hdu.columns;
  // An array is written as a one-column table named like the HDU; a dict has a column per key.
  if (hdu.columns.length === 1 && first.name.toUpperCase() === hdu.name.toUpperCase()) {
    const column = splitGain(first.name);
    return {
      ...base,
      kind: 'array',
      label: column.base,
      gain: ext.gain ?? column.gain,
      ...(first.unit !== undefined && { unit: first.unit }),
      values: toValues(first.data, first.shape),
    };
  }
  const columns: RecordQuantity['columns'] = {};
  for (const c of hdu.columns)
    columns[c.name] = { ...toValues(c.data, c.shape), ...(c.unit !== undefined && { unit: c.unit }) };
  return { ...base, kind: 'record', label: ext.base, gain: ext.gain, columns };
}
