import type { Db } from '@opshub/db';

export interface WishRow {
  diaObjectId: bigint;
  requester: string;
  priority: number;
  wantedAt: Date;
}

export interface PlanRow {
  diaObjectId: bigint;
  facility: string;
  plannedFor: Date | null;
  comment: string | null;
  createdAt: Date;
}

export interface ReportRow {
  diaObjectId: bigint;
  facility: string;
  mjd: number;
  z: number | null;
  classId: number;
  reportedAt: Date;
}

export interface WantedQuery {
  wantedSince: Date;
  /** A plan made after this claims the object. */
  claimedSince: Date;
  /** A spectrum taken at or after this MJD answers the wish. */
  spectrumSinceMjd: number;
  detectedSinceMjd: number;
}

/** A wanted object: its most urgent wish, position, and latest S/N > 3 magnitude per band. */
export interface WantedRow {
  id: bigint;
  ra: number;
  dec: number;
  requester: string;
  priority: number;
  latest: Record<string, { mjd: number; mag: number }> | null;
}

export interface ReportFilter {
  objectIds?: bigint[];
  facility?: string;
  mjdMin?: number;
  mjdMax?: number;
  classId?: number;
  zMin?: number;
  zMax?: number;
  since?: Date;
}

export class SpectraRepository {
  constructor(private readonly db: Db) {}

  async existing(ids: bigint[]): Promise<Set<bigint>> {
    const rows = await this.db.diaObject.findMany({ where: { id: { in: ids } }, select: { id: true } });
    return new Set(rows.map((r) => r.id));
  }

  /** One wish per object and requester: asking again updates its priority and time. */
  async want(
    wishes: { diaObjectId: bigint; priority: number }[],
    requester: string,
    at: Date,
  ): Promise<number> {
    await this.db.$transaction(
      wishes.map((w) =>
        this.db.spectrumWanted.upsert({
          where: { diaObjectId_requester: { diaObjectId: w.diaObjectId, requester } },
          create: { diaObjectId: w.diaObjectId, requester, priority: w.priority, wantedAt: at },
          update: { priority: w.priority, wantedAt: at },
        }),
      ),
    );
    return wishes.length;
  }

  /**
   * Wishes since `wantedSince` for objects not claimed by a recent plan, without a recent spectrum,
   * detected since `detectedSinceMjd`; the most urgent wish per object; each band's latest forced
   * magnitude with S/N > 3 (mag = −2.5 log10(flux) + 27.5, the SNANA zero point of the fluxes).
   */
  wanted(q: WantedQuery): Promise<WantedRow[]> {
    return this.db.$queryRaw<WantedRow[]>`
      WITH wish AS (
        SELECT DISTINCT ON (w.dia_object_id) w.dia_object_id, w.requester, w.priority
          FROM alerts.spectrum_wanted w
         WHERE w.wanted_at >= ${q.wantedSince}
           AND NOT EXISTS (SELECT 1 FROM alerts.spectrum_planned p
                            WHERE p.dia_object_id = w.dia_object_id AND p.created_at > ${q.claimedSince})
           AND NOT EXISTS (SELECT 1 FROM alerts.spectrum_reported r
                            WHERE r.dia_object_id = w.dia_object_id AND r.mjd >= ${q.spectrumSinceMjd})
           AND EXISTS (SELECT 1 FROM alerts.dia_source s
                        WHERE s.dia_object_id = w.dia_object_id AND s.mid_point_tai > ${q.detectedSinceMjd})
         ORDER BY w.dia_object_id, w.priority DESC, w.wanted_at DESC
      )
      SELECT wish.dia_object_id AS id, o.ra, o.decl AS dec, wish.requester, wish.priority::int AS priority,
             (SELECT json_object_agg(l.filter_name, json_build_object('mjd', l.mjd, 'mag', l.mag))
                FROM (SELECT DISTINCT ON (f.filter_name) f.filter_name, f.mid_point_tai AS mjd,
                             -2.5 * log(f.ps_flux::float8) + 27.5 AS mag
                        FROM alerts.dia_forced_source f
                       WHERE f.dia_object_id = wish.dia_object_id AND f.ps_flux > 0
                         AND f.ps_flux > 3 * f.ps_flux_err
                       ORDER BY f.filter_name, f.mid_point_tai DESC) l) AS latest
        FROM wish JOIN alerts.dia_object o ON o.dia_object_id = wish.dia_object_id
       ORDER BY wish.priority DESC, wish.dia_object_id`;
  }

  /** One plan per object and facility: planning again replaces it. */
  plan(p: Omit<PlanRow, 'createdAt'>): Promise<PlanRow> {
    const data = { plannedFor: p.plannedFor, comment: p.comment, createdAt: new Date() };
    return this.db.spectrumPlanned.upsert({
      where: { diaObjectId_facility: { diaObjectId: p.diaObjectId, facility: p.facility } },
      create: { diaObjectId: p.diaObjectId, facility: p.facility, ...data },
      update: data,
    });
  }

  async removePlan(diaObjectId: bigint, facility: string): Promise<number> {
    const { count } = await this.db.spectrumPlanned.deleteMany({ where: { diaObjectId, facility } });
    return count;
  }

  /** Stores the report, and in the same transaction drops the facility's plan and every wish for the object. */
  async report(r: Omit<ReportRow, 'reportedAt'>): Promise<ReportRow> {
    const [row] = await this.db.$transaction([
      this.db.spectrumReported.create({ data: r }),
      this.db.spectrumPlanned.deleteMany({ where: { diaObjectId: r.diaObjectId, facility: r.facility } }),
      this.db.spectrumWanted.deleteMany({ where: { diaObjectId: r.diaObjectId } }),
    ]);
    return row;
  }

  reports(f: ReportFilter): Promise<ReportRow[]> {
    return this.db.spectrumReported.findMany({
      where: {
        ...(f.objectIds ? { diaObjectId: { in: f.objectIds } } : {}),
        ...(f.facility !== undefined ? { facility: f.facility } : {}),
        ...(f.classId !== undefined ? { classId: f.classId } : {}),
        mjd: {
          ...(f.mjdMin !== undefined ? { gte: f.mjdMin } : {}),
          ...(f.mjdMax !== undefined ? { lte: f.mjdMax } : {}),
        },
        ...(f.zMin !== undefined || f.zMax !== undefined
          ? {
              z: {
                ...(f.zMin !== undefined ? { gte: f.zMin } : {}),
                ...(f.zMax !== undefined ? { lte: f.zMax } : {}),
              },
            }
          : {}),
        ...(f.since ? { reportedAt: { gte: f.since } } : {}),
      },
      orderBy: [{ mjd: 'asc' }, { id: 'asc' }],
    });
  }

  /** An object's follow-up: its wishes, plans and reports. */
  async ofObject(
    diaObjectId: bigint,
  ): Promise<{ wanted: WishRow[]; planned: PlanRow[]; reported: ReportRow[] }> {
    const [wanted, planned, reported] = await Promise.all([
      this.db.spectrumWanted.findMany({
        where: { diaObjectId },
        orderBy: [{ priority: 'desc' }, { id: 'asc' }],
      }),
      this.db.spectrumPlanned.findMany({ where: { diaObjectId }, orderBy: { id: 'asc' } }),
      this.db.spectrumReported.findMany({ where: { diaObjectId }, orderBy: [{ mjd: 'asc' }, { id: 'asc' }] }),
    ]);
    return { wanted, planned, reported };
  }
}
