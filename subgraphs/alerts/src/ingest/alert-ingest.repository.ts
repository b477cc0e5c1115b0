import type pg from 'pg';
import type { SqlPool } from '@opshub/db';
import type { ForcedSourceRow, ObjectRow, SourceRow } from './alert-record.js';

export interface AlertRow {
  alertId: bigint;
  diaSourceId: bigint;
  diaObjectId: bigint;
}

export interface QuarantineRow {
  digest: string;
  source: string;
  position: number | null;
  alertId: bigint | null;
  reason: string;
  /** JSON text. */
  record: string | null;
}

/** What one chunk brings; every id may be known already (then it is left as it is). */
export interface StoreBatch {
  objects: ObjectRow[];
  sources: SourceRow[];
  forcedSources: ForcedSourceRow[];
  alerts: AlertRow[];
  quarantine: QuarantineRow[];
}

export interface StoreResult {
  /** The alerts of the batch that were not stored before. */
  newAlerts: bigint[];
  newObjects: number;
  newSources: number;
  newForcedSources: number;
  newQuarantined: number;
}

/** Columns of `alerts.dia_object` that are `double precision` rather than `real`. */
const DOUBLE_COLUMNS = new Set(['mwebv']);

const ids = (xs: readonly { toString(): string }[]): string[] => xs.map((x) => x.toString());

/**
 * The bulk writes of alert ingest, on a plain pg connection: one `INSERT … SELECT FROM unnest(…)`
 * per table and chunk (typed arrays, one round trip, ON CONFLICT DO NOTHING for idempotence).
 */
export class AlertIngestRepository {
  constructor(
    private readonly pool: SqlPool,
    private readonly objectFloatColumns: readonly string[],
  ) {}

  /** Which of these objects are stored. */
  async knownObjects(objectIds: readonly bigint[]): Promise<Set<bigint>> {
    if (objectIds.length === 0) return new Set();
    const { rows } = await this.pool.query<{ id: string }>(
      'SELECT dia_object_id::text AS id FROM alerts.dia_object WHERE dia_object_id = ANY($1::bigint[])',
      [ids(objectIds)],
    );
    return new Set(rows.map((r) => BigInt(r.id)));
  }

  /** Stores a chunk in one transaction; a repeated chunk inserts nothing and changes nothing. */
  async store(batch: StoreBatch): Promise<StoreResult> {
    const client = await this.pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      const newObjects = await this.insertObjects(client, batch.objects);
      const sourceObjects = await insertSources(client, batch.sources);
      const newForcedSources = await insertForced(client, batch.forcedSources);
      const newAlerts = await insertAlerts(client, batch.alerts);
      await refreshDetections(client, [...new Set(sourceObjects)]);
      const newQuarantined = await insertQuarantine(client, batch.quarantine);
      await client.query('COMMIT');
      return { newAlerts, newObjects, newSources: sourceObjects.length, newForcedSources, newQuarantined };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {
        broken = true;
      });
      throw error;
    } finally {
      client.release(broken);
    }
  }

  /** Quarantine rows alone (a refused file). Returns how many were new. */
  async quarantine(rows: readonly QuarantineRow[]): Promise<number> {
    const client = await this.pool.connect();
    try {
      return await insertQuarantine(client, rows);
    } finally {
      client.release();
    }
  }

  private async insertObjects(client: pg.ClientBase, rows: readonly ObjectRow[]): Promise<number> {
    if (rows.length === 0) return 0;
    const floats = this.objectFloatColumns;
    const columns = ['dia_object_id', 'sim_version', 'ra', 'decl', 'zone', ...floats];
    const types = [
      'bigint',
      'text',
      'float8',
      'float8',
      'int',
      ...floats.map((c) => (DOUBLE_COLUMNS.has(c) ? 'float8' : 'real')),
    ];
    const values: unknown[][] = [
      ids(rows.map((r) => r.id)),
      rows.map((r) => r.simVersion),
      rows.map((r) => r.ra),
      rows.map((r) => r.decl),
      rows.map((r) => r.zone),
      ...floats.map((c) => rows.map((r) => r.floats[c] ?? null)),
    ];
    const result = await client.query(
      `INSERT INTO alerts.dia_object (${columns.map((c) => `"${c}"`).join(', ')})
       SELECT * FROM unnest(${types.map((t, i) => `$${i + 1}::${t}[]`).join(', ')})
       ON CONFLICT (dia_object_id) DO NOTHING`,
      values,
    );
    return result.rowCount ?? 0;
  }
}

/** Returns the object of each newly stored source (for their detection counts). */
async function insertSources(client: pg.ClientBase, rows: readonly SourceRow[]): Promise<bigint[]> {
  if (rows.length === 0) return [];
  const { rows: stored } = await client.query<{ o: string }>(
    `INSERT INTO alerts.dia_source
       (dia_source_id, dia_object_id, mid_point_tai, filter_name, ra, decl, ps_flux, ps_flux_err, snr)
     SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::float8[], $4::text[], $5::float8[], $6::float8[],
                          $7::real[], $8::real[], $9::real[])
     ON CONFLICT (dia_source_id) DO NOTHING
     RETURNING dia_object_id::text AS o`,
    [
      ids(rows.map((r) => r.id)),
      ids(rows.map((r) => r.diaObjectId)),
      rows.map((r) => r.midPointTai),
      rows.map((r) => r.filterName),
      rows.map((r) => r.ra),
      rows.map((r) => r.decl),
      rows.map((r) => r.psFlux),
      rows.map((r) => r.psFluxErr),
      rows.map((r) => r.snr),
    ],
  );
  return stored.map((r) => BigInt(r.o));
}

async function insertForced(client: pg.ClientBase, rows: readonly ForcedSourceRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const result = await client.query(
    `INSERT INTO alerts.dia_forced_source
       (dia_forced_source_id, dia_object_id, mid_point_tai, filter_name, ps_flux, ps_flux_err)
     SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::float8[], $4::text[], $5::real[], $6::real[])
     ON CONFLICT (dia_forced_source_id) DO NOTHING`,
    [
      ids(rows.map((r) => r.id)),
      ids(rows.map((r) => r.diaObjectId)),
      rows.map((r) => r.midPointTai),
      rows.map((r) => r.filterName),
      rows.map((r) => r.psFlux),
      rows.map((r) => r.psFluxErr),
    ],
  );
  return result.rowCount ?? 0;
}

async function insertAlerts(client: pg.ClientBase, rows: readonly AlertRow[]): Promise<bigint[]> {
  if (rows.length === 0) return [];
  const { rows: stored } = await client.query<{ id: string }>(
    `INSERT INTO alerts.alert (alert_id, dia_source_id, dia_object_id)
     SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::bigint[])
     ON CONFLICT (alert_id) DO NOTHING
     RETURNING alert_id::text AS id`,
    [
      ids(rows.map((r) => r.alertId)),
      ids(rows.map((r) => r.diaSourceId)),
      ids(rows.map((r) => r.diaObjectId)),
    ],
  );
  return stored.map((r) => BigInt(r.id));
}

/** Detection count and first/last detection MJD of objects that got new sources (the diaObjects filters). */
async function refreshDetections(client: pg.ClientBase, objectIds: readonly bigint[]): Promise<void> {
  if (objectIds.length === 0) return;
  await client.query(
    `UPDATE alerts.dia_object o
        SET n_detections = s.n, first_detection_mjd = s.lo, last_detection_mjd = s.hi
       FROM (SELECT dia_object_id, count(*)::int AS n, min(mid_point_tai) AS lo, max(mid_point_tai) AS hi
               FROM alerts.dia_source WHERE dia_object_id = ANY($1::bigint[]) GROUP BY dia_object_id) s
      WHERE o.dia_object_id = s.dia_object_id`,
    [ids(objectIds)],
  );
}

async function insertQuarantine(client: pg.ClientBase, rows: readonly QuarantineRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const result = await client.query(
    `INSERT INTO alerts.alert_quarantine (digest, source, position, alert_id, reason, record)
     SELECT d, s, p, a, r, j::jsonb
       FROM unnest($1::text[], $2::text[], $3::int[], $4::bigint[], $5::text[], $6::text[]) AS q(d, s, p, a, r, j)
     ON CONFLICT (digest) DO NOTHING`,
    [
      rows.map((r) => r.digest),
      rows.map((r) => r.source),
      rows.map((r) => r.position),
      rows.map((r) => r.alertId?.toString() ?? null),
      rows.map((r) => r.reason),
      rows.map((r) => r.record),
    ],
  );
  return result.rowCount ?? 0;
}
