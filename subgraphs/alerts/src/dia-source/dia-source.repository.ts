import type { Db, DiaForcedSource as ForcedRow, DiaSource as SourceRow } from '@opshub/db';

export type { ForcedRow, SourceRow };

export class DiaSourceRepository {
  constructor(private readonly db: Db) {}

  findByIds(ids: readonly bigint[]): Promise<SourceRow[]> {
    return this.db.diaSource.findMany({ where: { id: { in: [...ids] } } });
  }

  /** The object's detections before `mjd`, oldest first (an alert's prvDiaSources). */
  sourcesBefore(diaObjectId: bigint, mjd: number): Promise<SourceRow[]> {
    return this.db.diaSource.findMany({
      where: { diaObjectId, midPointTai: { lt: mjd } },
      orderBy: [{ midPointTai: 'asc' }, { id: 'asc' }],
    });
  }

  /** The object's forced photometry before `mjd`, oldest first (an alert's prvDiaForcedSources). */
  forcedBefore(diaObjectId: bigint, mjd: number): Promise<ForcedRow[]> {
    return this.db.diaForcedSource.findMany({
      where: { diaObjectId, midPointTai: { lt: mjd } },
      orderBy: [{ midPointTai: 'asc' }, { id: 'asc' }],
    });
  }
}
