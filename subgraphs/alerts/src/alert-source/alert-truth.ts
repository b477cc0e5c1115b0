/**
 * Truth served beside an alert batch (`GET <url>/batches/<name>/truth`, NDJSON): what the simulation
 * put in, which the alert schema does not carry. One line per object (`"kind":"object"`, the
 * DiaObjectTruth fields below) or per detection (`"kind":"source"`, the DiaSourceTruth fields).
 * Ids are decimal strings (or JSON integers within 2^53).
 */

/** An object truth field: its JSON name, column and SQL array type. */
interface TruthField {
  name: string;
  column: string;
  type: 'int' | 'real' | 'float8' | 'bigint';
}

/** The DiaObjectTruth fields a source may send besides `diaObjectId` and `gentype` (all optional). */
export const OBJECT_TRUTH_FIELDS: readonly TruthField[] = [
  { name: 'libid', column: 'libid', type: 'int' },
  { name: 'simTemplateIndex', column: 'sim_template_index', type: 'int' },
  { name: 'zcmb', column: 'zcmb', type: 'real' },
  { name: 'zhelio', column: 'zhelio', type: 'real' },
  { name: 'ra', column: 'ra', type: 'float8' },
  { name: 'dec', column: 'dec', type: 'float8' },
  { name: 'mwebv', column: 'mwebv', type: 'real' },
  { name: 'galid', column: 'galid', type: 'bigint' },
  { name: 'galzphot', column: 'galzphot', type: 'real' },
  { name: 'galsnsep', column: 'galsnsep', type: 'real' },
  { name: 'av', column: 'av', type: 'real' },
  { name: 'mu', column: 'mu', type: 'real' },
  { name: 'peakmjd', column: 'peakmjd', type: 'real' },
  { name: 'mjdDetectFirst', column: 'mjd_detect_first', type: 'float8' },
  { name: 'mjdDetectLast', column: 'mjd_detect_last', type: 'float8' },
  { name: 'peakmagU', column: 'peakmag_u', type: 'real' },
  { name: 'peakmagG', column: 'peakmag_g', type: 'real' },
  { name: 'peakmagR', column: 'peakmag_r', type: 'real' },
  { name: 'peakmagI', column: 'peakmag_i', type: 'real' },
  { name: 'peakmagZ', column: 'peakmag_z', type: 'real' },
  { name: 'peakmagY', column: 'peakmag_y', type: 'real' },
  { name: 'snrmax', column: 'snrmax', type: 'real' },
  { name: 'nobs', column: 'nobs', type: 'int' },
];

export interface ObjectTruthRow {
  diaObjectId: bigint;
  gentype: number;
  /** By column name; null when not sent. */
  values: Record<string, number | string | null>;
}

export interface SourceTruthRow {
  diaSourceId: bigint;
  diaObjectId: bigint;
  mjd: number;
  detect: boolean;
  gentype: number;
  genmag: number | null;
}

export interface TruthFile {
  objects: ObjectTruthRow[];
  sources: SourceTruthRow[];
  /** Lines refused, with why (quarantined; the others are stored). */
  refused: { line: number; reason: string; text: string }[];
}

class TruthError extends Error {}

function id(value: unknown, field: string): bigint {
  if (typeof value === 'string' && /^-?\d{1,19}$/.test(value)) return BigInt(value);
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
  throw new TruthError(`${field} must be a 64-bit integer (a decimal string), got ${JSON.stringify(value)}`);
}

function int(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value))
    throw new TruthError(`${field} must be an integer, got ${JSON.stringify(value)}`);
  return value;
}

function num(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new TruthError(`${field} must be a finite number, got ${JSON.stringify(value)}`);
  return value;
}

function objectTruth(line: Record<string, unknown>): ObjectTruthRow {
  const values: Record<string, number | string | null> = {};
  for (const f of OBJECT_TRUTH_FIELDS) {
    const v = line[f.name];
    if (v === undefined || v === null) values[f.column] = null;
    else if (f.type === 'bigint') values[f.column] = id(v, f.name).toString();
    else values[f.column] = f.type === 'int' ? int(v, f.name) : num(v, f.name);
  }
  return {
    diaObjectId: id(line['diaObjectId'], 'diaObjectId'),
    gentype: int(line['gentype'], 'gentype'),
    values,
  };
}

function sourceTruth(line: Record<string, unknown>): SourceTruthRow {
  if (typeof line['detect'] !== 'boolean') throw new TruthError('detect must be true or false');
  const genmag = line['genmag'];
  return {
    diaSourceId: id(line['diaSourceId'], 'diaSourceId'),
    diaObjectId: id(line['diaObjectId'], 'diaObjectId'),
    mjd: num(line['mjd'], 'mjd'),
    detect: line['detect'],
    gentype: int(line['gentype'], 'gentype'),
    genmag: genmag === null || genmag === undefined ? null : num(genmag, 'genmag'),
  };
}

/** Parses a truth NDJSON body; a bad line is reported in `refused`, never stops the others. */
export function parseTruth(text: string): TruthFile {
  const out: TruthFile = { objects: [], sources: [], refused: [] };
  text.split(/\r?\n/).forEach((raw, i) => {
    if (raw.trim() === '') return;
    try {
      let line: unknown;
      try {
        line = JSON.parse(
          raw.replace(/"(?:[^"\\]|\\.)*"|-?\d{16,}(?![\d.eE])/g, (m) => (m.startsWith('"') ? m : `"${m}"`)),
        );
      } catch (error) {
        throw new TruthError(`not JSON: ${(error as Error).message}`);
      }
      if (typeof line !== 'object' || line === null || Array.isArray(line))
        throw new TruthError('a truth line must be a JSON object');
      const record = line as Record<string, unknown>;
      if (record['kind'] === 'object') out.objects.push(objectTruth(record));
      else if (record['kind'] === 'source') out.sources.push(sourceTruth(record));
      else throw new TruthError(`kind must be "object" or "source", got ${JSON.stringify(record['kind'])}`);
    } catch (error) {
      if (!(error instanceof TruthError)) throw error;
      out.refused.push({ line: i + 1, reason: `truth line ${i + 1}: ${error.message}`, text: raw });
    }
  });
  return out;
}
