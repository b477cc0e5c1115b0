import { setImmediate as turn } from 'node:timers/promises';
import type pg from 'pg';
import type { SqlPool } from '@opshub/db';
import { ensureStaging, moveStaged } from './alert-ingest.copy.js';
import {
  ALERT_COLUMNS,
  alertTuples,
  FORCED_COLUMNS,
  forcedTuples,
  objectTuples,
  SOURCE_COLUMNS,
  sourceTuples,
  type ObjectCopyData,
} from './alert-ingest.tuples.js';
import { runPipelined, type CopyData, type FloatColumn } from './copy-binary.js';
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

/** A chunk's rows as binary COPY data. */
export interface EncodedRows {
  /** The fresh part's with their detection figures. */
  objects: ObjectCopyData;
  sources: CopyData;
  forced: CopyData;
  alerts: CopyData;
  alertIds: bigint[];
}

/** A chunk encoded ahead of its turn to be stored. */
export interface EncodedBatch {
  fresh: EncodedRows;
  merge: EncodedRows;
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

const isUniqueViolation = (error: unknown): boolean => (error as { code?: unknown }).code === '23505';

/** No row to move: an object already stored given again changes nothing. */
const isEmpty = (rows: EncodedRows): boolean =>
  rows.alerts.rows === 0 && rows.sources.rows === 0 && rows.forced.rows === 0;

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
  private objectFloatTypes: Promise<FloatColumn[]> | null = null;

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

  /** The stored types of the object's optional floats, read from the catalogue once. */
  private floatTypes(): Promise<FloatColumn[]> {
    this.objectFloatTypes ??= this.pool
      .query<{ name: string; type: string }>(
        `SELECT attname AS name, format_type(atttypid, NULL) AS type FROM pg_attribute
          WHERE attrelid = 'alerts.dia_object'::regclass AND attnum > 0 AND NOT attisdropped`,
      )
      .then(({ rows }) => {
        const types = new Map(rows.map((r) => [r.name, r.type]));
        return this.objectColumns.slice(5).map((c): FloatColumn => {
          const type = types.get(c);
          if (type === 'real') return 'float4';
          if (type === 'double precision') return 'float8';
          throw new Error(`alerts.dia_object.${c} is ${type ?? 'missing'}, not a float column`);
        });
      })
      .catch((error: unknown) => {
        this.objectFloatTypes = null;
        throw error;
      });
    return this.objectFloatTypes;
  }

  /**
   * A chunk's rows as binary COPY data, done while the chunk before it is stored: its turn then costs only the
   * COPYs.
   */
  async encode(batch: StoreBatch): Promise<EncodedBatch> {
    const floatTypes = await this.floatTypes();
    const { fresh, merge } = batch;
    const part = async (rows: StoreRows, stats?: Map<bigint, DetectionStats>): Promise<EncodedRows> => {
      const objects = objectTuples(rows.objects, this.objectColumns, floatTypes, stats);
      await turn();
      const sources = sourceTuples(rows.sources);
      await turn();
      const forced = forcedTuples(rows.forcedSources);
      await turn();
      return {
        objects,
        sources,
        forced,
        alerts: alertTuples(rows.alerts),
        alertIds: rows.alerts.map((a) => a.alertId),
      };
    };
    const f = await part(fresh, fresh.stats);
    await turn();
    return { fresh: f, merge: await part(merge), quarantine: batch.quarantine };
  }

  /**
   * Stores a chunk in one transaction; a repeated chunk inserts nothing and changes nothing. A chunk of new objects
   * only (the usual case: a night's alerts) is one message to the server, its commit included.
   */
  async store(batch: EncodedBatch): Promise<StoreResult> {
    const client = await this.pool.connect();
    let broken = false;
    try {
      await ensureStaging(client);
      const result: StoreResult = {
        newAlerts: [],
        newObjects: 0,
        newSources: 0,
        newForcedSources: 0,
        newQuarantined: 0,
      };
      const { fresh } = batch;
      const merge = [batch.merge];
      const alone = isEmpty(batch.merge) && batch.quarantine.length === 0;
      if (fresh.objects.rows === 0) await client.query('BEGIN');
      else if (await this.storeFresh(client, fresh, alone)) {
        result.newAlerts = [...fresh.alertIds];
        result.newObjects = fresh.objects.rows;
        result.newSources = fresh.sources.rows;
        result.newForcedSources = fresh.forced.rows;
        if (alone) return result;
      } else merge.push(fresh);
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

  /**
   * Opens the transaction and COPYs the rows of new objects straight in under a savepoint, in one message
   * (`runPipelined`), committing too when `commit`; false (the transaction open, nothing of them kept) when one of
   * them existed after all.
   */
  private async storeFresh(client: pg.ClientBase, fresh: EncodedRows, commit: boolean): Promise<boolean> {
    try {
      await runPipelined(client, [
        'BEGIN',
        'SAVEPOINT fresh',
        { table: 'alerts.dia_object', columns: fresh.objects.columns, data: fresh.objects },
        { table: 'alerts.dia_source', columns: SOURCE_COLUMNS, data: fresh.sources },
        { table: 'alerts.dia_forced_source', columns: FORCED_COLUMNS, data: fresh.forced },
        { table: 'alerts.alert', columns: ALERT_COLUMNS, data: fresh.alerts },
        ...(commit ? ['COMMIT'] : []),
      ]);
      return true;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // The rest of the message (the commit too) was skipped: the transaction is open, back to the savepoint.
      await client.query('ROLLBACK TO SAVEPOINT fresh');
      return false;
    }
  }

  /**
   * Rows through the staging tables, merged (the staging tables have every column of their targets: a fresh
   * part's objects keep their detection figures there, which the move recomputes).
   */
  private async storeMerged(
    client: pg.ClientBase,
    parts: readonly EncodedRows[],
  ): Promise<Omit<StoreResult, 'newQuarantined'>> {
    if (parts.every(isEmpty)) return { newAlerts: [], newObjects: 0, newSources: 0, newForcedSources: 0 };
    // Every part's staging COPYs in one message, as the fresh part's are.
    await runPipelined(
      client,
      parts.flatMap((part) => [
        { table: 'ingest_object', columns: part.objects.columns, data: part.objects },
        { table: 'ingest_source', columns: SOURCE_COLUMNS, data: part.sources },
        { table: 'ingest_forced', columns: FORCED_COLUMNS, data: part.forced },
        { table: 'ingest_alert', columns: ALERT_COLUMNS, data: part.alerts },
      ]),
    );
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
