import { classOfGentype } from '../classification/taxonomy.js';
import type { TruthRepository, TruthRow } from './truth.repository.js';
import type { ObjectTruth } from './truth.type.js';

const BANDS = [
  ['u', 'peakmagU'],
  ['g', 'peakmagG'],
  ['r', 'peakmagR'],
  ['i', 'peakmagI'],
  ['z', 'peakmagZ'],
  ['Y', 'peakmagY'],
] as const satisfies readonly (readonly [string, keyof TruthRow])[];

/** An object's truth as the object page shows it: its gentype read through the taxonomy. */
export class TruthService {
  constructor(private readonly truth: TruthRepository) {}

  async ofObject(diaObjectId: bigint): Promise<ObjectTruth | null> {
    const row = await this.truth.ofObject(diaObjectId);
    if (!row) return null;
    const cls = classOfGentype(row.gentype);
    return {
      gentype: row.gentype,
      classId: cls?.classId ?? null,
      className: cls?.name ?? null,
      zcmb: row.zcmb,
      zhelio: row.zhelio,
      peakMjd: row.peakmjd,
      peakMags: BANDS.flatMap(([filterName, key]) => {
        const mag = row[key];
        return mag === null ? [] : [{ filterName, mag }];
      }),
      mu: row.mu,
      snrmax: row.snrmax,
      nobs: row.nobs,
    };
  }
}
