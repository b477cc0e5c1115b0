import type { Db, DiaForcedSource as ForcedRow, DiaSource as SourceRow } from '@opshub/db';

export type { ForcedRow, SourceRow };

/** A page of one object's rows in (midPointTai, id) order, after a keyset. */
export interface SourcePage {
  diaObjectId: bigint;
  filterName?: string;
  after?: { mjd: number; id: bigint };
  take: number;
}

const pageWhere = (p: SourcePage) => ({
  diaObjectId: p.diaObjectId,
  ...(p.filterName ? { filterName: p.filterName } : {}),
  ...(p.after
    ? {
        OR: [{ midPointTai: { gt: p.after.mjd } }, { midPointTai: p.after.mjd, id: { gt: p.after.id } }],
      }
    : {}),
});

export class DiaSourceRepository {
  constructor(private readonly db: Db) {}

  findByIds(ids: readonly bigint[]): Promise<SourceRow[]> {
    return this.db.diaSource.findMany({ where: { id: { in: [...ids] } } });
  }

  sourcePage(p: SourcePage): Promise<SourceRow[]> {
    return this.db.diaSource.findMany({
      where: pageWhere(p),
      orderBy: [{ midPointTai: 'asc' }, { id: 'asc' }],
      take: p.take,
    });
  }

  forcedPage(p: SourcePage): Promise<ForcedRow[]> {
    return this.db.diaForcedSource.findMany({
      where: pageWhere(p),
      orderBy: [{ midPointTai: 'asc' }, { id: 'asc' }],
      take: p.take,
    });
  }

  countSources(diaObjectId: bigint, filterName?: string): Promise<number> {
    return this.db.diaSource.count({ where: { diaObjectId, ...(filterName ? { filterName } : {}) } });
  }

  countForced(diaObjectId: bigint, filterName?: string): Promise<number> {
    return this.db.diaForcedSource.count({ where: { diaObjectId, ...(filterName ? { filterName } : {}) } });
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
