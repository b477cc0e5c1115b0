import type { SqlPool } from '@opshub/db';
import { sqlDefusedText } from '@opshub/subgraph-kit';
import { diaObjectFields } from '../ingest/alert-schema.js';
import { FORCED, objectSelect, SOURCE } from '../rest/tom.repository.js';
import { copyCsv, toCrlf } from './export-csv.query.js';

export type ExportKind = 'objects' | 'sources' | 'forced-sources';
export type ExportFormat = 'csv' | 'ndjson';

export interface ExportFilter {
  objectId?: bigint;
  /** Objects last detected at or after this MJD; sources and forced sources at or after it. */
  sinceMjd?: number;
}

/** One page rendered by Postgres: its text (whole lines), its last id (the next cursor) and its size. */
export interface RenderedPage {
  text: string | Buffer;
  last: string | null;
  rows: number;
}

interface Table {
  relation: string;
  key: string;
  mjd: string;
  select: () => string;
  columns: () => readonly string[];
}

const TABLES: Record<ExportKind, Table> = {
  objects: {
    relation: 'alerts.dia_object',
    key: 'dia_object_id',
    mjd: 'last_detection_mjd',
    select: objectSelect,
    columns: diaObjectFields,
  },
  sources: {
    relation: 'alerts.dia_source',
    key: 'dia_source_id',
    mjd: 'mid_point_tai',
    select: () => SOURCE,
    columns: () => [
      'diaSourceId',
      'diaObjectId',
      'midPointTai',
      'filterName',
      'ra',
      'decl',
      'psFlux',
      'psFluxErr',
      'snr',
    ],
  },
  'forced-sources': {
    relation: 'alerts.dia_forced_source',
    key: 'dia_forced_source_id',
    mjd: 'mid_point_tai',
    select: () => FORCED,
    columns: () => ['diaForcedSourceId', 'diaObjectId', 'midPointTai', 'filterName', 'psFlux', 'psFluxErr'],
  },
};

/** The text columns of NDJSON (every other exported column is a number: ids exact as Postgres writes them). */
const TEXT = new Set(['simVersion', 'filterName']);

/**
 * One JSON object per row, written by concatenation (row_to_json is three times slower): numbers as
 * Postgres writes them (ids exact; ingest stores only finite numbers), text through to_json (escaped).
 */
function ndjsonLine(columns: readonly string[]): string {
  const fields = columns.map((c, i) => {
    const value = TEXT.has(c)
      ? `coalesce(to_json(t."${c}")::text, 'null')`
      : `coalesce(t."${c}"::text, 'null')`;
    return `'${i === 0 ? '{' : ','}"${c}":' || ${value}`;
  });
  return `${fields.join(' || ')} || '}'`;
}

export class ExportRepository {
  constructor(private readonly pool: SqlPool) {}

  columns(kind: ExportKind): readonly string[] {
    return TABLES[kind].columns();
  }

  /**
   * The rows after `after` in id order (keyset: each page is an index range scan, however deep),
   * rendered by Postgres as CSV lines or JSON objects: node reads one text value a page, not its rows.
   */
  async page(
    kind: ExportKind,
    format: ExportFormat,
    filter: ExportFilter,
    after: string | null,
    limit: number,
  ): Promise<RenderedPage> {
    const t = TABLES[kind];
    if (format === 'csv') return this.csvPage(t, filter, after, limit);
    const line = ndjsonLine(t.columns());
    const end = `E'\\n'`;
    const { rows } = await this.pool.query<{ text: string | null; last: string | null; n: string }>(
      // The subquery hands its rows to string_agg in id order (no second sort).
      `SELECT string_agg(${line}, ${end}) || ${end} AS text,
              max(t."${t.columns()[0]}")::text AS last, count(*) AS n
         FROM (SELECT ${t.select()} FROM ${t.relation}
                WHERE ($1::bigint IS NULL OR ${t.key} > $1)
                  AND ($2::bigint IS NULL OR dia_object_id = $2)
                  AND ($3::float8 IS NULL OR ${t.mjd} >= $3)
                ORDER BY ${t.key} LIMIT $4) t`,
      [after, filter.objectId?.toString() ?? null, filter.sinceMjd ?? null, limit],
    );
    const row = rows[0];
    return { text: row?.text ?? '', last: row?.last ?? null, rows: Number(row?.n ?? 0) };
  }

  /**
   * A CSV page written by COPY itself (its own CSV quoting and number output, no per-row expression):
   * COPY takes no parameters, so the cursor and filters are inlined, each checked to be a number first.
   */
  private async csvPage(
    t: Table,
    filter: ExportFilter,
    after: string | null,
    limit: number,
  ): Promise<RenderedPage> {
    const conditions: string[] = [];
    if (after !== null) conditions.push(`${t.key} > ${BigInt(after)}`);
    if (filter.objectId !== undefined) conditions.push(`dia_object_id = ${BigInt(filter.objectId)}`);
    if (filter.sinceMjd !== undefined) {
      if (!Number.isFinite(filter.sinceMjd)) throw new RangeError('sinceMjd must be finite');
      conditions.push(`${t.mjd} >= '${filter.sinceMjd}'::float8`);
    }
    const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
    // Broker-supplied text (simVersion, filterName) that a spreadsheet would run as a formula gets a
    // leading `'`, as every CSV of the hub (the kit's csvField); numbers, negative ones too, go as they are.
    const columns = t.columns();
    const fields = columns.map((c) => (TEXT.has(c) ? sqlDefusedText(`t."${c}"`) : `t."${c}"`));
    const page = toCrlf(
      await copyCsv(
        this.pool,
        `SELECT ${fields.join(', ')}
           FROM (SELECT ${t.select()} FROM ${t.relation} ${where} ORDER BY ${t.key} LIMIT ${Math.trunc(limit)}) t
          ORDER BY t."${columns[0]}"`,
      ),
    );
    return { text: page.text, last: page.last, rows: page.rows };
  }
}
