import type { SqlPool } from '@opshub/db';

export interface LightCurveQuery {
  diaObjectId: bigint;
  bands: string[] | null;
  sinceMjd: number | null;
  detections: boolean;
  forced: boolean;
}

/** [sourceId, mjd, band, flux, fluxErr, forced] */
export type PointRow = [string, number, string, number, number, boolean];

export class LightCurveRepository {
  constructor(private readonly pool: SqlPool) {}

  /**
   * Detections and forced photometry of one object in time order, as one JSON text: node-pg decodes a
   * single value instead of hundreds of rows. Each side is a range scan of its (object, mjd) index.
   */
  async points(q: LightCurveQuery): Promise<PointRow[]> {
    // Prepared once per connection: a light curve is asked for again and again (a plot, a page).
    const { rows } = await this.pool.query<{ points: string }>({
      name: 'alerts-light-curve',
      text: `SELECT coalesce(json_agg(json_build_array(id, mjd, band, flux, err, forced) ORDER BY mjd, forced, id), '[]')::text AS points
         FROM (
           SELECT dia_source_id::text AS id, mid_point_tai AS mjd, filter_name AS band, ps_flux AS flux,
                  ps_flux_err AS err, false AS forced
             FROM alerts.dia_source
            WHERE $4 AND dia_object_id = $1 AND ($2::text[] IS NULL OR filter_name = ANY($2))
              AND ($3::float8 IS NULL OR mid_point_tai >= $3)
           UNION ALL
           SELECT dia_forced_source_id::text, mid_point_tai, filter_name, ps_flux, ps_flux_err, true
             FROM alerts.dia_forced_source
            WHERE $5 AND dia_object_id = $1 AND ($2::text[] IS NULL OR filter_name = ANY($2))
              AND ($3::float8 IS NULL OR mid_point_tai >= $3)
         ) p`,
      values: [q.diaObjectId.toString(), q.bands, q.sinceMjd, q.detections, q.forced],
    });
    return JSON.parse(rows[0]?.points ?? '[]') as PointRow[];
  }
}
