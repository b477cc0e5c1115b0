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

/** Rows of one chunk; every id may be known already (then it is left as it is). */
export interface StoreRows {
  objects: ObjectRow[];
  sources: SourceRow[];
  forcedSources: ForcedSourceRow[];
  alerts: AlertRow[];
}

/** An object's detection count and first/last detection MJD, when all its detections are in the chunk. */
export interface DetectionStats {
  n: number;
  first: number;
  last: number;
}

/**
 * What one chunk brings. `fresh`: the rows of objects not stored yet (so none of their rows is), with each
 * object's detection figures; `merge`: the rows of objects stored already, merged with ON CONFLICT DO NOTHING.
 */
export interface StoreBatch {
  fresh: StoreRows & { stats: Map<bigint, DetectionStats> };
  merge: StoreRows;
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

const ALERT_COLUMNS = ['alert_id', 'dia_source_id', 'dia_object_id'];
const STATS_COLUMNS = ['n_detections', 'first_detection_mjd', 'last_detection_mjd'];

const sourceLine = (r: SourceRow): string =>
  `${r.id}\t${r.diaObjectId}\t${r.midPointTai}\t${copyText(r.filterName)}\t${r.ra}\t${r.decl}\t${r.psFlux}\t${r.psFluxErr}\t${r.snr}\n`;
const forcedLine = (r: ForcedSourceRow): string =>
  `${r.id}\t${r.diaObjectId}\t${r.midPointTai}\t${copyText(r.filterName)}\t${r.psFlux}\t${r.psFluxErr}\n`;
const alertLine = (r: AlertRow): string => `${r.alertId}\t${r.diaSourceId}\t${r.diaObjectId}\n`;

const isUniqueViolation = (error: unknown): boolean => (error as { code?: unknown }).code === '23505';

/**
 * The bulk writes of alert ingest, on a plain pg connection, one transaction per chunk. The rows of objects
 * new to the store are COPYed straight into the alerts tables (as a raw COPY would), detection figures
 * included; should one of them exist after all (another import racing this one), that part is rolled back to
 * its savepoint and merged instead. The rows of known objects are COPYed into the session's staging tables
 * and moved with INSERT … SELECT … ON CONFLICT DO NOTHING (idempotent), detection figures recomputed.
 */
export class AlertIngestRepository {
  private readonly objectColumns: readonly string[];
  private readonly move: string;

  /** `objectFloatColumns`: the columns of an object row's floats, in their order. */
  constructor(
    private readonly pool: SqlPool,
    objectFloatColumns: readonly string[],
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

  /** An object's COPY line; with `stats` (null: none yet), its detection figures too. */
  private objectLine(r: ObjectRow, stats?: DetectionStats | null): string {
    let line = `${r.id}\t${copyText(r.simVersion)}\t${r.ra}\t${r.decl}\t${r.zone}`;
    for (const x of r.floats) line += `\t${copyNumber(x)}`;
    if (stats) line += `\t${stats.n}\t${stats.first}\t${stats.last}`;
    else if (stats === null) line += '\t0\t\\N\t\\N';
    return `${line}\n`;
  }

  /** Stores a chunk in one transaction; a repeated chunk inserts nothing and changes nothing. */
  async store(batch: StoreBatch): Promise<StoreResult> {
    const client = await this.pool.connect();
    let broken = false;
    try {
      await ensureStaging(client);
      await client.query('BEGIN');
      const result: StoreResult = {
        newAlerts: [],
        newObjects: 0,
        newSources: 0,
        newForcedSources: 0,
        newQuarantined: 0,
      };
      let merge = batch.merge;
      if (await this.storeFresh(client, batch.fresh)) {
        const { fresh } = batch;
        result.newAlerts = fresh.alerts.map((a) => a.alertId);
        result.newObjects = fresh.objects.length;
        result.newSources = fresh.sources.length;
        result.newForcedSources = fresh.forcedSources.length;
      } else
        merge = {
          objects: [...merge.objects, ...batch.fresh.objects],
          sources: [...merge.sources, ...batch.fresh.sources],
          forcedSources: [...merge.forcedSources, ...batch.fresh.forcedSources],
          alerts: [...merge.alerts, ...batch.fresh.alerts],
        };
      const merged = await this.storeMerged(client, merge);
      result.newAlerts.push(...merged.newAlerts);
      result.newObjects += merged.newObjects;
      result.newSources += merged.newSources;
      result.newForcedSources += merged.newForcedSources;
      result.newQuarantined = await insertQuarantine(client, batch.quarantine);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {
        broken = true;
      });
      throw error;
    } finally {
      client.release(broken);
    }
  }

  /** The rows of new objects COPYed straight in; false (and nothing of them kept) when one existed. */
  private async storeFresh(client: pg.ClientBase, fresh: StoreBatch['fresh']): Promise<boolean> {
    if (fresh.objects.length === 0) return true;
    await client.query('SAVEPOINT fresh');
    try {
      await copyLines(
        client,
        'alerts.dia_object',
        [...this.objectColumns, ...STATS_COLUMNS],
        fresh.objects.map((r) => this.objectLine(r, fresh.stats.get(r.id) ?? null)),
      );
      await copyLines(client, 'alerts.dia_source', SOURCE_COLUMNS, fresh.sources.map(sourceLine));
      await copyLines(
        client,
        'alerts.dia_forced_source',
        FORCED_COLUMNS,
        fresh.forcedSources.map(forcedLine),
      );
      await copyLines(client, 'alerts.alert', ALERT_COLUMNS, fresh.alerts.map(alertLine));
      await client.query('RELEASE SAVEPOINT fresh');
      return true;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      await client.query('ROLLBACK TO SAVEPOINT fresh');
      return false;
    }
  }

  /** The rows of known objects through the staging tables, merged. */
  private async storeMerged(
    client: pg.ClientBase,
    merge: StoreRows,
  ): Promise<Omit<StoreResult, 'newQuarantined'>> {
    if (merge.alerts.length === 0 && merge.sources.length === 0 && merge.forcedSources.length === 0)
      return { newAlerts: [], newObjects: 0, newSources: 0, newForcedSources: 0 };
    await copyLines(
      client,
      'ingest_object',
      this.objectColumns,
      merge.objects.map((r) => this.objectLine(r)),
    );
    await copyLines(client, 'ingest_source', SOURCE_COLUMNS, merge.sources.map(sourceLine));
    await copyLines(client, 'ingest_forced', FORCED_COLUMNS, merge.forcedSources.map(forcedLine));
    await copyLines(client, 'ingest_alert', ALERT_COLUMNS, merge.alerts.map(alertLine));
    const results = (await client.query(this.move)) as unknown as pg.QueryResult[];
    const [objects, sources, forced, alerts] = results;
    return {
      newAlerts: (alerts!.rows as { id: string }[]).map((r) => BigInt(r.id)),
      newObjects: objects!.rowCount ?? 0,
      newSources: (sources!.rows as { n: number }[])[0]!.n,
      newForcedSources: forced!.rowCount ?? 0,
    };
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
