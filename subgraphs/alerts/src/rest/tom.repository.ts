import type { SqlPool } from '@opshub/db';
import { objectColumn } from '../ingest/alert-record.js';
import { diaObjectFields } from '../ingest/alert-schema.js';

/** A row as the TOM writes it: Avro field names; ids are bigints (exact in JSON). */
export type TomRow = Record<string, unknown>;

/** The four `elasticc/` lists, keyed on their 64-bit id. */
export type TomTable = 'diaobject' | 'diasource' | 'diatruth' | 'diaalert';

const SAFE = /^[A-Za-z0-9_]+$/;

/** The diaObject columns under their Avro field names. */
export function objectSelect(): string {
  const columns = diaObjectFields().map((field) => {
    if (!SAFE.test(field)) throw new Error(`unexpected diaObject field ${field}`);
    const column =
      field === 'diaObjectId'
        ? 'dia_object_id'
        : field === 'simVersion'
          ? 'sim_version'
          : field === 'ra' || field === 'decl'
            ? field
            : objectColumn(field);
    return `${column} AS "${field}"`;
  });
  return columns.join(', ');
}

export const SOURCE = `dia_source_id AS "diaSourceId", dia_object_id AS "diaObjectId", mid_point_tai AS "midPointTai",
  filter_name AS "filterName", ra, decl, ps_flux AS "psFlux", ps_flux_err AS "psFluxErr", snr`;
export const FORCED = `dia_forced_source_id AS "diaForcedSourceId", dia_object_id AS "diaObjectId",
  mid_point_tai AS "midPointTai", filter_name AS "filterName", ps_flux AS "psFlux", ps_flux_err AS "psFluxErr"`;
const TRUTH = `dia_source_id AS "diaSourceId", dia_object_id AS "diaObjectId", mjd, detect, gentype, genmag`;
const ALERT = `alert_id AS "alertId", dia_source_id AS "diaSourceId", dia_object_id AS "diaObjectId",
  sent_at AS "alertSentTimestamp"`;

interface TableSql {
  relation: string;
  key: string;
  select: string;
}

let tables: Record<TomTable, TableSql> | undefined;
function tableSql(table: TomTable): TableSql {
  tables ??= {
    diaobject: { relation: 'alerts.dia_object', key: 'dia_object_id', select: objectSelect() },
    diasource: { relation: 'alerts.dia_source', key: 'dia_source_id', select: SOURCE },
    diatruth: { relation: 'alerts.dia_source_truth', key: 'dia_source_id', select: TRUTH },
    diaalert: { relation: 'alerts.alert', key: 'alert_id', select: ALERT },
  };
  return tables[table];
}

/** node-pg reads int8 as text: the id columns back to exact bigints. */
function withIds(row: TomRow): TomRow {
  for (const [k, v] of Object.entries(row))
    if ((k.endsWith('Id') || k === 'id') && typeof v === 'string' && /^-?\d+$/.test(v)) row[k] = BigInt(v);
  return row;
}

/** Above this many rows (the planner's estimate), a list's `count` is the estimate, not a full scan. */
const EXACT_COUNT_BELOW = 1_000_000;

export interface PageQuery {
  after?: bigint;
  before?: bigint;
  offset?: number;
  limit: number;
}

export class TomRepository {
  constructor(private readonly pool: SqlPool) {}

  /**
   * One page in id order: after `after`, or the page before `before`, or at `offset`. Keyset pages
   * neither skip nor repeat a row while rows are inserted.
   */
  async page(table: TomTable, q: PageQuery): Promise<TomRow[]> {
    const t = tableSql(table);
    if (q.before !== undefined) {
      const { rows } = await this.pool.query<TomRow>(
        `SELECT * FROM (SELECT ${t.select} FROM ${t.relation} WHERE ${t.key} < $1 ORDER BY ${t.key} DESC LIMIT $2) p
          ORDER BY 1`,
        [q.before.toString(), q.limit],
      );
      return rows.map(withIds);
    }
    const { rows } = await this.pool.query<TomRow>(
      `SELECT ${t.select} FROM ${t.relation} WHERE $1::bigint IS NULL OR ${t.key} > $1
        ORDER BY ${t.key} LIMIT $2 OFFSET $3`,
      [q.after?.toString() ?? null, q.limit, q.offset ?? 0],
    );
    return rows.map(withIds);
  }

  /** Whether a row exists before `id` (for a page's `previous` link). */
  async anyBefore(table: TomTable, id: bigint): Promise<boolean> {
    const t = tableSql(table);
    const { rows } = await this.pool.query(`SELECT 1 FROM ${t.relation} WHERE ${t.key} < $1 LIMIT 1`, [
      id.toString(),
    ]);
    return rows.length > 0;
  }

  async count(table: TomTable): Promise<bigint> {
    const t = tableSql(table);
    const { rows } = await this.pool.query<{ n: string }>(
      `SELECT greatest(reltuples, 0)::bigint AS n FROM pg_class WHERE oid = $1::regclass`,
      [t.relation],
    );
    const estimate = BigInt(rows[0]?.n ?? '0');
    if (estimate >= BigInt(EXACT_COUNT_BELOW)) return estimate;
    const exact = await this.pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${t.relation}`);
    return BigInt(exact.rows[0]?.n ?? '0');
  }

  async byId(table: TomTable, id: bigint): Promise<TomRow | undefined> {
    const t = tableSql(table);
    const { rows } = await this.pool.query<TomRow>(
      `SELECT ${t.select} FROM ${t.relation} WHERE ${t.key} = $1`,
      [id.toString()],
    );
    return rows[0] ? withIds(rows[0]) : undefined;
  }

  /** The alert of a source (the first, should a source have several). */
  async alertOfSource(sourceId: bigint): Promise<TomRow | undefined> {
    const { rows } = await this.pool.query<TomRow>(
      `SELECT ${ALERT} FROM alerts.alert WHERE dia_source_id = $1 ORDER BY alert_id LIMIT 1`,
      [sourceId.toString()],
    );
    return rows[0] ? withIds(rows[0]) : undefined;
  }

  /** An object's detections before `mjd`, in time order. */
  async sourcesBefore(objectId: bigint, mjd: number): Promise<TomRow[]> {
    const { rows } = await this.pool.query<TomRow>(
      `SELECT ${SOURCE} FROM alerts.dia_source WHERE dia_object_id = $1 AND mid_point_tai < $2
        ORDER BY mid_point_tai, dia_source_id`,
      [objectId.toString(), mjd],
    );
    return rows.map(withIds);
  }

  /** An object's forced photometry before `mjd` and from 30 days before its first detection (an alert's window). */
  async forcedBefore(objectId: bigint, mjd: number): Promise<TomRow[]> {
    const { rows } = await this.pool.query<TomRow>(
      `SELECT ${FORCED} FROM alerts.dia_forced_source
        WHERE dia_object_id = $1 AND mid_point_tai < $2
          AND mid_point_tai >= (SELECT min(mid_point_tai) - 30 FROM alerts.dia_source WHERE dia_object_id = $1)
        ORDER BY mid_point_tai, dia_forced_source_id`,
      [objectId.toString(), mjd],
    );
    return rows.map(withIds);
  }
}
