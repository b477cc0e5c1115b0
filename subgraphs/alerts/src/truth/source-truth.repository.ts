import type { Db } from '@opshub/db';

export interface SourceTruthRow {
  diaSourceId: bigint;
  gentype: number;
  mjd: number;
  detect: boolean;
  genmag: number | null;
}

/** Detections' truth rows (alerts.dia_source_truth), read a batch of sources at a time. */
export class SourceTruthRepository {
  constructor(private readonly db: Db) {}

  ofSources(diaSourceIds: bigint[]): Promise<SourceTruthRow[]> {
    return this.db.diaSourceTruth.findMany({
      where: { diaSourceId: { in: diaSourceIds } },
      select: { diaSourceId: true, gentype: true, mjd: true, detect: true, genmag: true },
    });
  }
}
