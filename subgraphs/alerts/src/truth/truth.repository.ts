import type { Db } from '@opshub/db';

export interface TruthRow {
  gentype: number;
  zcmb: number | null;
  zhelio: number | null;
  peakmjd: number | null;
  peakmagU: number | null;
  peakmagG: number | null;
  peakmagR: number | null;
  peakmagI: number | null;
  peakmagZ: number | null;
  peakmagY: number | null;
  mu: number | null;
  snrmax: number | null;
  nobs: number | null;
}

/** An object's truth row (alerts.dia_object_truth). */
export class TruthRepository {
  constructor(private readonly db: Db) {}

  ofObject(diaObjectId: bigint): Promise<TruthRow | null> {
    return this.db.diaObjectTruth.findUnique({
      where: { diaObjectId },
      select: {
        gentype: true,
        zcmb: true,
        zhelio: true,
        peakmjd: true,
        peakmagU: true,
        peakmagG: true,
        peakmagR: true,
        peakmagI: true,
        peakmagZ: true,
        peakmagY: true,
        mu: true,
        snrmax: true,
        nobs: true,
      },
    });
  }
}
