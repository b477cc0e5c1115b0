import { type Db, type DiaObject as DiaObjectRow, Prisma } from '@opshub/db';
import type { ConeBoxes } from './sky-zones.js';

export type { DiaObjectRow };

/** An inclusive range; either end may be open. */
export interface Range {
  lo?: number;
  hi?: number;
}

export interface DiaObjectWhere {
  isddf?: boolean;
  nDetections?: Range;
  firstDetectionMjd?: Range;
  lastDetectionMjd?: Range;
  /** A wrapped range (lo > hi) means ra >= lo OR ra <= hi. */
  ra?: { lo?: number; hi?: number };
  decl?: { lo?: number; hi?: number };
}

/** A row ready to store, zone already computed. */
export interface DiaObjectWrite {
  id: bigint;
  ra: number;
  decl: number;
  mwebv: number | null;
  isddf: boolean;
  zone: number;
}

export interface ConeRow {
  id: bigint;
  separationDeg: number;
}

const range = (r: Range): { gte?: number; lte?: number } => ({
  ...(r.lo !== undefined ? { gte: r.lo } : {}),
  ...(r.hi !== undefined ? { lte: r.hi } : {}),
});

export class DiaObjectRepository {
  constructor(private readonly db: Db) {}

  findById(id: bigint): Promise<DiaObjectRow | null> {
    return this.db.diaObject.findUnique({ where: { id } });
  }

  findByIds(ids: readonly bigint[]): Promise<DiaObjectRow[]> {
    return this.db.diaObject.findMany({ where: { id: { in: [...ids] } } });
  }

  private where(filter: DiaObjectWhere): Prisma.DiaObjectWhereInput {
    const and: Prisma.DiaObjectWhereInput[] = [];
    if (filter.isddf !== undefined) and.push({ isddf: filter.isddf });
    const ra = filter.ra;
    if (ra?.lo !== undefined && ra.hi !== undefined && ra.lo > ra.hi) {
      and.push({ OR: [{ ra: { gte: ra.lo } }, { ra: { lte: ra.hi } }] });
    } else if (ra) {
      and.push({
        ra: {
          ...(ra.lo !== undefined ? { gte: ra.lo } : {}),
          ...(ra.hi !== undefined ? { lte: ra.hi } : {}),
        },
      });
    }
    const decl = filter.decl;
    if (decl) {
      and.push({
        decl: {
          ...(decl.lo !== undefined ? { gte: decl.lo } : {}),
          ...(decl.hi !== undefined ? { lte: decl.hi } : {}),
        },
      });
    }
    if (filter.nDetections) and.push({ nDetections: range(filter.nDetections) });
    if (filter.firstDetectionMjd) and.push({ firstDetectionMjd: range(filter.firstDetectionMjd) });
    if (filter.lastDetectionMjd) and.push({ lastDetectionMjd: range(filter.lastDetectionMjd) });
    return and.length ? { AND: and } : {};
  }

  /** Ascending id; the keyset (id > after) keeps pages stable while objects are inserted. */
  page(filter: DiaObjectWhere, take: number, afterId?: bigint): Promise<DiaObjectRow[]> {
    return this.db.diaObject.findMany({
      where: { ...this.where(filter), ...(afterId !== undefined ? { id: { gt: afterId } } : {}) },
      orderBy: { id: 'asc' },
      take,
    });
  }

  count(filter: DiaObjectWhere): Promise<number> {
    return this.db.diaObject.count({ where: this.where(filter) });
  }

  /**
   * Objects within `radiusDeg` of (ra, dec), nearest first. Each (zone, ra range) pair is one range
   * scan of the (zone, ra) btree; the haversine distance is computed only for the rows found there.
   */
  cone(ra: number, dec: number, radiusDeg: number, boxes: ConeBoxes, limit: number): Promise<ConeRow[]> {
    const los = boxes.raRanges.map((r) => r[0]);
    const his = boxes.raRanges.map((r) => r[1]);
    return this.db.$queryRaw<ConeRow[]>`
      WITH candidate AS (
        SELECT o.dia_object_id AS id,
               2 * degrees(asin(least(1, sqrt(
                 power(sin(radians(o.decl - ${dec}::float8) / 2), 2)
                 + cos(radians(o.decl)) * cos(radians(${dec}::float8))
                   * power(sin(radians(o.ra - ${ra}::float8) / 2), 2))))) AS "separationDeg"
        FROM generate_series(${boxes.zoneMin}::int, ${boxes.zoneMax}::int) AS z(zone)
        CROSS JOIN unnest(${los}::float8[], ${his}::float8[]) AS r(lo, hi)
        JOIN alerts.dia_object o ON o.zone = z.zone AND o.ra BETWEEN r.lo AND r.hi
      )
      SELECT * FROM candidate
      WHERE "separationDeg" <= ${radiusDeg}::float8
      ORDER BY "separationDeg", id
      LIMIT ${limit}::int`;
  }

  /**
   * Inserts or updates a batch in one statement: `INSERT … SELECT FROM unnest(…)` is ~16× faster
   * than Prisma's createMany here, and unlike COPY it can say ON CONFLICT.
   */
  upsert(rows: readonly DiaObjectWrite[]): Promise<number> {
    const ids = rows.map((r) => r.id.toString());
    const ras = rows.map((r) => r.ra);
    const decls = rows.map((r) => r.decl);
    const mwebvs = rows.map((r) => r.mwebv);
    const isddfs = rows.map((r) => r.isddf);
    const zones = rows.map((r) => r.zone);
    return this.db.$executeRaw`
      INSERT INTO alerts.dia_object (dia_object_id, ra, decl, mwebv, isddf, zone)
      SELECT * FROM unnest(${ids}::bigint[], ${ras}::float8[], ${decls}::float8[], ${mwebvs}::float8[],
                           ${isddfs}::boolean[], ${zones}::int[])
      ON CONFLICT (dia_object_id) DO UPDATE
        SET ra = EXCLUDED.ra, decl = EXCLUDED.decl, mwebv = EXCLUDED.mwebv, isddf = EXCLUDED.isddf,
            zone = EXCLUDED.zone`;
  }
}
