import type pg from 'pg';
import type { SqlPool } from '@opshub/db';
import { copyLines, copyNumber, copyText, ensureStaging, moveStaged } from './alert-ingest.copy.js';
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

const SOURCE_COLUMNS = [
  'dia_source_id',
  'dia_object_id',
  'mid_point_tai',
  'filter_name',
  'ra',
  'decl',
  'ps_flux',
  'ps_flux_err',
  'snr',
];
const FORCED_COLUMNS = [
  'dia_forced_source_id',
  'dia_object_id',
  'mid_point_tai',
  'filter_name',
  'ps_flux',
  'ps_flux_err',
];

/**
 * The bulk writes of alert ingest, on a plain pg connection: a chunk is COPYed into the session's staging
 * tables and moved into the alerts tables with INSERT … SELECT … ON CONFLICT DO NOTHING (idempotent), all in
 * one transaction.
 */
export class AlertIngestRepository {
  private readonly objectColumns: readonly string[];
  private readonly move: string;

  constructor(
    private readonly pool: SqlPool,
    private readonly objectFloatColumns: readonly string[],
  ) {
    this.objectColumns = ['dia_object_id', 'sim_version', 'ra', 'decl', 'zone', ...objectFloatColumns];
    this.move = moveStaged(this.objectColumns);
  }

  /** Which of these objects are stored. */
  async knownObjects(objectIds: readonly bigint[]): Promise<Set<bigint>> {
    if (objectIds.length === 0) return new Set();
    const { rows } = await this.pool.query<{ id: string }>(
      'SELECT dia_object_id::text AS id FROM alerts.dia_object WHERE dia_object_id = ANY($1::bigint[])',
      [objectIds.map((x) => x.toString())],
    );
    return new Set(rows.map((r) => BigInt(r.id)));
  }

  /** Stores a chunk in one transaction; a repeated chunk inserts nothing and changes nothing. */
  async store(batch: StoreBatch): Promise<StoreResult> {
    const client = await this.pool.connect();
    let broken = false;
    try {
      await ensureStaging(client);
      await client.query('BEGIN');
      const floats = this.objectFloatColumns;
      await copyLines(
        client,
        'ingest_object',
        this.objectColumns,
        batch.objects.map((r) => {
          let line = `${r.id}\t${copyText(r.simVersion)}\t${r.ra}\t${r.decl}\t${r.zone}`;
          for (const c of floats) line += `\t${copyNumber(r.floats[c])}`;
          return `${line}\n`;
        }),
      );
      await copyLines(
        client,
        'ingest_source',
        SOURCE_COLUMNS,
        batch.sources.map(
          (r) =>
            `${r.id}\t${r.diaObjectId}\t${r.midPointTai}\t${copyText(r.filterName)}\t${r.ra}\t${r.decl}\t${r.psFlux}\t${r.psFluxErr}\t${r.snr}\n`,
        ),
      );
      await copyLines(
        client,
        'ingest_forced',
        FORCED_COLUMNS,
        batch.forcedSources.map(
          (r) =>
            `${r.id}\t${r.diaObjectId}\t${r.midPointTai}\t${copyText(r.filterName)}\t${r.psFlux}\t${r.psFluxErr}\n`,
        ),
      );
      await copyLines(
        client,
        'ingest_alert',
        ['alert_id', 'dia_source_id', 'dia_object_id'],
        batch.alerts.map((r) => `${r.alertId}\t${r.diaSourceId}\t${r.diaObjectId}\n`),
      );
      const results = (await client.query(this.move)) as unknown as pg.QueryResult[];
      const [objects, sources, forced, alerts] = results;
      const newQuarantined = await insertQuarantine(client, batch.quarantine);
      await client.query('COMMIT');
      return {
        newAlerts: (alerts!.rows as { id: string }[]).map((r) => BigInt(r.id)),
        newObjects: objects!.rowCount ?? 0,
        newSources: (sources!.rows as { n: number }[])[0]!.n,
        newForcedSources: forced!.rowCount ?? 0,
        newQuarantined,
      };
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
