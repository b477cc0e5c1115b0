import { type Db, type DiaObject as DiaObjectRow, Prisma, type SqlPool } from '@opshub/db';
import { boxList, type ConeBoxes } from './sky-zones.js';

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
  /** A latest classification (object_classification) of this classifier / class / probability. */
  classification?: ClassificationWhere;
}

/** With classId, that class's probability; without, the most probable class's. */
export interface ClassificationWhere {
  classifierId?: bigint;
  classId?: number;
  minProbability?: number;
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

/** A column's Prisma field (`hostgal_zphot_q050` → `hostgalZphotQ050`; the key column is `id`). */
const fieldOf = new Map<string, string>();
const field = (column: string): string => {
  let f = fieldOf.get(column);
  if (f === undefined)
    fieldOf.set(
      column,
      (f =
        column === 'dia_object_id'
          ? 'id'
          : column.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase())),
    );
  return f;
};

/** A row of alerts.dia_object from node-pg with Prisma's field names (values as Prisma gives them: same pg). */
function prismaRow(row: Record<string, unknown>): DiaObjectRow {
  const out: Record<string, unknown> = {};
  for (const column in row) out[field(column)] = row[column];
  out['id'] = BigInt(row['dia_object_id'] as string);
  return out as unknown as DiaObjectRow;
}

export class DiaObjectRepository {
  /** `pool`: one object by id on a plain connection (a light curve's lookup), not through Prisma. */
  constructor(
    private readonly db: Db,
    private readonly pool?: SqlPool,
  ) {}

  /**
   * One object. With a pool, a prepared statement whose row is given Prisma's field names (values as Prisma
   * gives them: its adapter is the same pg); Prisma's query compiler costs ~3 ms of CPU a lookup, this ~0.3.
   */
  async findById(id: bigint): Promise<DiaObjectRow | null> {
    if (!this.pool) return this.db.diaObject.findUnique({ where: { id } });
    const { rows } = await this.pool.query<Record<string, unknown>>({
      name: 'alerts-dia-object-by-id',
      text: 'SELECT * FROM alerts.dia_object WHERE dia_object_id = $1',
      values: [id.toString()],
    });
    const row = rows[0];
    return row ? prismaRow(row) : null;
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

  /**
   * The filter in SQL, for the classification filter Prisma cannot say: an EXISTS on
   * object_classification (its primary key leads with the object; the GIN index on class_ids serves
   * a class alone).
   */
  private sqlWhere(filter: DiaObjectWhere, afterId?: bigint): Prisma.Sql {
    const and: Prisma.Sql[] = [Prisma.sql`TRUE`];
    const between = (column: string, r?: Range): void => {
      const c = Prisma.raw(column);
      if (r?.lo !== undefined) and.push(Prisma.sql`${c} >= ${r.lo}`);
      if (r?.hi !== undefined) and.push(Prisma.sql`${c} <= ${r.hi}`);
    };
    if (filter.isddf !== undefined) and.push(Prisma.sql`o.isddf = ${filter.isddf}`);
    const ra = filter.ra;
    if (ra?.lo !== undefined && ra.hi !== undefined && ra.lo > ra.hi)
      and.push(Prisma.sql`(o.ra >= ${ra.lo} OR o.ra <= ${ra.hi})`);
    else between('o.ra', ra);
    between('o.decl', filter.decl);
    between('o.n_detections', filter.nDetections);
    between('o.first_detection_mjd', filter.firstDetectionMjd);
    between('o.last_detection_mjd', filter.lastDetectionMjd);
    if (afterId !== undefined) and.push(Prisma.sql`o.dia_object_id > ${afterId}`);
    const c = filter.classification;
    if (c) {
      const on: Prisma.Sql[] = [Prisma.sql`oc.dia_object_id = o.dia_object_id`];
      if (c.classifierId !== undefined) on.push(Prisma.sql`oc.classifier_id = ${c.classifierId}`);
      if (c.classId !== undefined) on.push(Prisma.sql`oc.class_ids @> ARRAY[${c.classId}]::smallint[]`);
      if (c.minProbability !== undefined)
        on.push(
          c.classId !== undefined
            ? Prisma.sql`oc.probabilities[array_position(oc.class_ids, ${c.classId}::smallint)] >= ${c.minProbability}`
            : Prisma.sql`(SELECT max(p) FROM unnest(oc.probabilities) AS p) >= ${c.minProbability}`,
        );
      and.push(
        Prisma.sql`EXISTS (SELECT 1 FROM alerts.object_classification oc WHERE ${Prisma.join(on, ' AND ')})`,
      );
    }
    return Prisma.join(and, ' AND ');
  }

  /** Ascending id; the keyset (id > after) keeps pages stable while objects are inserted. */
  async page(filter: DiaObjectWhere, take: number, afterId?: bigint): Promise<DiaObjectRow[]> {
    if (filter.classification) {
      const ids = await this.db.$queryRaw<{ id: bigint }[]>`
        SELECT o.dia_object_id AS id FROM alerts.dia_object o WHERE ${this.sqlWhere(filter, afterId)}
        ORDER BY o.dia_object_id LIMIT ${take}`;
      return this.db.diaObject.findMany({
        where: { id: { in: ids.map((r) => r.id) } },
        orderBy: { id: 'asc' },
      });
    }
    return this.db.diaObject.findMany({
      where: { ...this.where(filter), ...(afterId !== undefined ? { id: { gt: afterId } } : {}) },
      orderBy: { id: 'asc' },
      take,
    });
  }

  async count(filter: DiaObjectWhere): Promise<number> {
    if (filter.classification) {
      const [row] = await this.db.$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM alerts.dia_object o WHERE ${this.sqlWhere(filter)}`;
      return row!.n;
    }
    return this.db.diaObject.count({ where: this.where(filter) });
  }

  /**
   * Objects within `radiusDeg` of (ra, dec), nearest first: `alerts.cone_search` (migration
   * 20261203141000), one range scan of the (zone, ra) btree per (zone, RA range) box, the haversine distance
   * computed only for the rows found there; its plan is made once per connection.
   */
  cone(ra: number, dec: number, radiusDeg: number, boxes: ConeBoxes, limit: number): Promise<ConeRow[]> {
    const { zones, los, his } = boxList(boxes);
    return this.db.$queryRaw<ConeRow[]>`
      SELECT dia_object_id AS id, separation_deg AS "separationDeg"
        FROM alerts.cone_search(${ra}::float8, ${dec}::float8, ${radiusDeg}::float8, ${zones}::int[],
                                ${los}::float8[], ${his}::float8[], ${limit}::int)`;
  }

  /**
   * The cone's objects with their separation, nearest first: with a pool, one prepared statement joining
   * `alerts.cone_search` to the objects (Prisma's query compiler cost ~1 ms of CPU for each of the two queries it
   * took before); without, the cone then the objects by id. The join is a LATERAL lookup with LIMIT 1, so each hit
   * is one primary-key probe: as a plain join, the generic plan (the function estimated at 1,000 rows) hashed the
   * whole object table.
   */
  async coneObjects(
    ra: number,
    dec: number,
    radiusDeg: number,
    boxes: ConeBoxes,
    limit: number,
  ): Promise<{ row: DiaObjectRow; separationDeg: number }[]> {
    if (!this.pool) {
      const hits = await this.cone(ra, dec, radiusDeg, boxes, limit);
      const rows = new Map((await this.findByIds(hits.map((h) => h.id))).map((r) => [r.id, r]));
      return hits.flatMap((h) => {
        const row = rows.get(h.id);
        return row ? [{ row, separationDeg: h.separationDeg }] : [];
      });
    }
    const { zones, los, his } = boxList(boxes);
    const { rows } = await this.pool.query<Record<string, unknown>>({
      name: 'alerts-cone-objects',
      text: `SELECT o.*, c.separation_deg AS cone_separation_deg
               FROM alerts.cone_search($1::float8, $2::float8, $3::float8, $4::int[], $5::float8[], $6::float8[], $7::int) c
              CROSS JOIN LATERAL (SELECT * FROM alerts.dia_object d WHERE d.dia_object_id = c.dia_object_id LIMIT 1) o
              ORDER BY c.separation_deg, c.dia_object_id`,
      values: [ra, dec, radiusDeg, zones, los, his, limit],
    });
    return rows.map((r) => {
      const separationDeg = r['cone_separation_deg'] as number;
      delete r['cone_separation_deg'];
      return { row: prismaRow(r), separationDeg };
    });
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
