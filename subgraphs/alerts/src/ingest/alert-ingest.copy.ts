import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** COPY text format: backslash, tab and line breaks escaped; null as \N. */
export const copyText = (s: string | null): string =>
  s === null
    ? '\\N'
    : s.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!);

/** A finite number, or null as \N (numbers print in their shortest exact form, as the pg driver sends them). */
export const copyNumber = (n: number | null | undefined): string =>
  n === null || n === undefined ? '\\N' : `${n}`;

/**
 * The session's staging tables (temporary, emptied at each commit), shaped like their targets; created once
 * per connection. A chunk is COPYed into them and moved with INSERT … SELECT … ON CONFLICT DO NOTHING.
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

/** COPYs text lines (each ending in \n) into `table (columns)`, sent in pieces of about 64 kB. */
export async function copyLines(
  client: pg.ClientBase,
  table: string,
  columns: readonly string[],
  lines: readonly string[],
): Promise<void> {
  if (lines.length === 0) return;
  function* pieces(): Generator<string> {
    let piece = '';
    for (const line of lines) {
      piece += line;
      if (piece.length > 64_000) {
        yield piece;
        piece = '';
      }
    }
    if (piece) yield piece;
  }
  const sql = `COPY ${table} (${columns.map((c) => `"${c}"`).join(', ')}) FROM STDIN`;
  await pipeline(Readable.from(pieces()), client.query(copyFrom(sql)));
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
