import type pg from 'pg';

/**
 * The session's staging tables (temporary, emptied at each commit), shaped like their targets; created once
 * per connection. A chunk is COPYed into them (binary, `copy-binary.ts`) and moved with INSERT … SELECT …
 * ON CONFLICT DO NOTHING.
 */
const STAGING = `
CREATE TEMP TABLE IF NOT EXISTS ingest_object (LIKE alerts.dia_object INCLUDING DEFAULTS) ON COMMIT DELETE ROWS;
CREATE TEMP TABLE IF NOT EXISTS ingest_source (LIKE alerts.dia_source INCLUDING DEFAULTS) ON COMMIT DELETE ROWS;
CREATE TEMP TABLE IF NOT EXISTS ingest_forced (LIKE alerts.dia_forced_source INCLUDING DEFAULTS) ON COMMIT DELETE ROWS;
CREATE TEMP TABLE IF NOT EXISTS ingest_alert (LIKE alerts.alert INCLUDING DEFAULTS) ON COMMIT DELETE ROWS;
CREATE TEMP TABLE IF NOT EXISTS ingest_touched (dia_object_id bigint) ON COMMIT DELETE ROWS;`;

const staged = new WeakSet<pg.ClientBase>();

/** Creates the staging tables on this connection unless it has them. */
export async function ensureStaging(client: pg.ClientBase): Promise<void> {
  if (staged.has(client)) return;
  await client.query(STAGING);
  staged.add(client);
}

/**
 * Moves the staged rows into the alerts tables (one round trip, five statements): objects, sources (their
 * objects noted for the detection counts), forced sources, alerts (the new ones returned), then the detection
 * count and first/last detection MJD of every object that got a new source.
 */
export function moveStaged(objectColumns: readonly string[]): string {
  const cols = objectColumns.map((c) => `"${c}"`).join(', ');
  return `
INSERT INTO alerts.dia_object (${cols}) SELECT ${cols} FROM ingest_object ON CONFLICT (dia_object_id) DO NOTHING;
WITH s AS (
  INSERT INTO alerts.dia_source
    (dia_source_id, dia_object_id, mid_point_tai, filter_name, ra, decl, ps_flux, ps_flux_err, snr)
  SELECT dia_source_id, dia_object_id, mid_point_tai, filter_name, ra, decl, ps_flux, ps_flux_err, snr
    FROM ingest_source
  ON CONFLICT (dia_source_id) DO NOTHING
  RETURNING dia_object_id
), t AS (INSERT INTO ingest_touched SELECT DISTINCT dia_object_id FROM s)
SELECT count(*)::int AS n FROM s;
INSERT INTO alerts.dia_forced_source
  (dia_forced_source_id, dia_object_id, mid_point_tai, filter_name, ps_flux, ps_flux_err)
SELECT dia_forced_source_id, dia_object_id, mid_point_tai, filter_name, ps_flux, ps_flux_err FROM ingest_forced
ON CONFLICT (dia_forced_source_id) DO NOTHING;
INSERT INTO alerts.alert (alert_id, dia_source_id, dia_object_id)
SELECT alert_id, dia_source_id, dia_object_id FROM ingest_alert
ON CONFLICT (alert_id) DO NOTHING
RETURNING alert_id::text AS id;
UPDATE alerts.dia_object o
   SET n_detections = s.n, first_detection_mjd = s.lo, last_detection_mjd = s.hi
  FROM (SELECT dia_object_id, count(*)::int AS n, min(mid_point_tai) AS lo, max(mid_point_tai) AS hi
          FROM alerts.dia_source WHERE dia_object_id IN (SELECT dia_object_id FROM ingest_touched)
         GROUP BY dia_object_id) s
 WHERE o.dia_object_id = s.dia_object_id;`;
}
