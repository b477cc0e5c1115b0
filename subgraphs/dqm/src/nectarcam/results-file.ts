import { FitsError, parseNectarcamResults, type Quantity, type Values } from '@opshub/fits';
import type { QuantityRecord } from './nectarcam.repository.js';
import { readTarGz, TarError } from './tar.reader.js';

/** A results tarball refused: `reason` is what the quarantine shows. */
export class ResultsRefused extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'ResultsRefused';
  }
}

export interface ParsedResults {
  /** The FITS file's path inside the tarball. */
  fitsName: string;
  startedAt: Date;
  endedAt: Date | null;
  quantities: QuantityRecord[];
}

const RESULTS_FITS = /(?:^|\/)NectarCAM_Run(\d+)_Results\.fits$/;

/**
 * Unpacks `<camera>_DQM_Run<N>.tar.gz`, parses its `…_Results.fits` whole and turns every HDU into
 * quantity rows. Anything wrong (gzip, tar, FITS, a results file of another run) refuses the whole
 * file with its reason before anything is stored.
 */
export function parseResultsTarball(gz: Buffer, runNumber: number, maxBytes: number): ParsedResults {
  let entries;
  try {
    entries = readTarGz(gz, maxBytes);
  } catch (err) {
    if (err instanceof TarError) throw new ResultsRefused(`${err.reason}: ${err.message}`);
    throw err;
  }
  const fits = entries.filter((e) => RESULTS_FITS.test(e.name));
  if (fits.length !== 1) {
    throw new ResultsRefused(
      `NO_RESULTS_FILE: the tarball holds ${fits.length} *_Results.fits files (one expected)`,
    );
  }
  const entry = fits[0]!;
  const inFile = Number(RESULTS_FITS.exec(entry.name)![1]);
  if (inFile !== runNumber) {
    throw new ResultsRefused(
      `RUN_MISMATCH: ${entry.name} is run ${inFile}, the tarball's name says ${runNumber}`,
    );
  }
  let quantities: Quantity[];
  try {
    quantities = parseNectarcamResults(entry.data).quantities;
  } catch (err) {
    if (err instanceof FitsError) {
      throw new ResultsRefused(
        `${err.reason}: ${err.message}${err.hdu !== undefined ? ` (HDU ${err.hdu})` : ''}`,
      );
    }
    throw err;
  }
  const { startedAt, endedAt } = runTimes(quantities, entry.mtime);
  return { fitsName: entry.name, startedAt, endedAt, quantities: quantities.flatMap(toRecords) };
}

function toRecords(q: Quantity): QuantityRecord[] {
  const base = { key: q.key, label: q.label, gain: q.gain };
  if (q.kind === 'array') return [{ ...base, field: '', unit: q.unit ?? null, ...stored(q.values) }];
  return Object.entries(q.columns).map(([field, v]) => ({
    ...base,
    field,
    unit: v.unit ?? null,
    ...stored(v),
  }));
}

function stored(v: Values): Pick<QuantityRecord, 'dtype' | 'shape' | 'values'> {
  if (v.dtype === 'str')
    return { dtype: 'str', shape: v.shape, values: Buffer.from(JSON.stringify(v.strings)) };
  return { dtype: v.dtype, shape: v.shape, values: v.bytes };
}

/** START-TIMES (unix seconds): the run's start and its last event; else the FITS file's mtime. */
function runTimes(quantities: Quantity[], mtime: Date): { startedAt: Date; endedAt: Date | null } {
  const times = quantities.find((q) => q.kind === 'record' && q.key === 'START-TIMES');
  const first = (name: string): number | undefined => {
    if (times?.kind !== 'record') return undefined;
    const v = times.columns[name];
    if (!v || v.dtype !== 'f64' || v.bytes.length < 8) return undefined;
    const s = v.bytes.readDoubleLE(0);
    return Number.isFinite(s) && s > 0 ? s : undefined;
  };
  const start = first('Run start time') ?? first('First event');
  const end = first('Last event');
  const startedAt = start !== undefined ? new Date(start * 1000) : mtime;
  const endedAt = end !== undefined && end * 1000 >= startedAt.getTime() ? new Date(end * 1000) : null;
  return { startedAt, endedAt };
}
