import type { SqlPool } from '@opshub/db';

/** The host-galaxy fields `include_hostinfo` adds, as the TOM names them (bands lower-case). */
export const HOST_FIELDS = [
  ...['u', 'g', 'r', 'i', 'z', 'y'].flatMap((b) => [`hostgal_mag_${b}`, `hostgal_magerr_${b}`]),
  'hostgal_ellipticity',
  'hostgal_sqradius',
  'hostgal_snsep',
] as const;

/** One object's forced photometry in time order, with its position (and host fields when asked). */
export interface ObjectPhotometry {
  objectId: bigint;
  ra: number;
  dec: number;
  host: Record<string, number | null>;
  mjd: number[];
  band: string[];
  flux: number[];
  fluxerr: number[];
}

export interface PhotometryQuery {
  /** Up to this MJD (inclusive); null: all. */
  mjdNow: number | null;
  hostInfo: boolean;
}

interface Row {
  id: string;
  ra: number;
  dec: number;
  host: Record<string, number | null> | null;
  points: string;
}

/**
 * Forced photometry per object for `ltcv` and `gethottransients`: one row per object, its points as
 * one JSON array (node-pg decodes one value instead of hundreds of rows), from the (object, mjd) index.
 */
export class PhotometryRepository {
  constructor(private readonly pool: SqlPool) {}

  private async run(objects: string, params: unknown[], q: PhotometryQuery): Promise<ObjectPhotometry[]> {
    const host = q.hostInfo
      ? `json_build_object(${HOST_FIELDS.map((f) => `'${f}', o.${f}`).join(', ')})`
      : 'NULL::json';
    const mjdParam = `$${params.length + 1}`;
    const { rows } = await this.pool.query<Row>(
      `WITH ids AS (${objects})
       SELECT o.dia_object_id AS id, o.ra, o.decl AS dec, ${host} AS host, p.points
         FROM alerts.dia_object o
         JOIN LATERAL (
           SELECT json_agg(json_build_array(f.mid_point_tai, f.filter_name, f.ps_flux, f.ps_flux_err)
                           ORDER BY f.mid_point_tai, f.dia_forced_source_id)::text AS points
             FROM alerts.dia_forced_source f
            WHERE f.dia_object_id = o.dia_object_id
              AND (${mjdParam}::float8 IS NULL OR f.mid_point_tai <= ${mjdParam})
         ) p ON p.points IS NOT NULL
        WHERE o.dia_object_id IN (SELECT id FROM ids)
        ORDER BY o.dia_object_id`,
      [...params, q.mjdNow],
    );
    return rows.map((r) => {
      const points = JSON.parse(r.points) as [number, string, number, number][];
      return {
        objectId: BigInt(r.id),
        ra: r.ra,
        dec: r.dec,
        host: r.host ?? {},
        mjd: points.map((p) => p[0]),
        band: points.map((p) => p[1]),
        flux: points.map((p) => p[2]),
        fluxerr: points.map((p) => p[3]),
      };
    });
  }

  /** The given objects (those with forced photometry), in id order. */
  ofObjects(ids: bigint[], q: PhotometryQuery): Promise<ObjectPhotometry[]> {
    return this.run('SELECT unnest($1::bigint[]) AS id', [ids.map((i) => i.toString())], q);
  }

  /**
   * Objects detected (a diaSource) in [since, mjdNow], optionally only those whose simulated truth is
   * one of `gentypes` (the TOM's `cheat_gentypes`).
   */
  detectedSince(since: number, gentypes: number[] | null, q: PhotometryQuery): Promise<ObjectPhotometry[]> {
    return this.run(
      `SELECT DISTINCT s.dia_object_id AS id FROM alerts.dia_source s
        WHERE s.mid_point_tai >= $1 AND ($2::float8 IS NULL OR s.mid_point_tai <= $2)
          AND ($3::int[] IS NULL OR EXISTS (SELECT 1 FROM alerts.dia_object_truth t
                 WHERE t.dia_object_id = s.dia_object_id AND t.gentype = ANY($3)))`,
      [since, q.mjdNow, gentypes],
      q,
    );
  }
}
