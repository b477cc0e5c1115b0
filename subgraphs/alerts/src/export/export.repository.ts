import type { SqlPool } from '@opshub/db';
import { FORCED, objectSelect, SOURCE } from '../rest/tom.repository.js';

export type ExportKind = 'objects' | 'sources' | 'forced-sources';

export interface ExportFilter {
  objectId?: bigint;
  /** Objects last detected at or after this MJD; sources and forced sources at or after it. */
  sinceMjd?: number;
}

/** A page as Postgres wrote it: every value its text (exact, nothing re-formatted), null as null. */
export interface RawPage {
  columns: { name: string; type: 'number' | 'bool' | 'text' }[];
  rows: (string | null)[][];
}

const TABLES: Record<ExportKind, { relation: string; key: string; mjd: string; select: () => string }> = {
  objects: {
    relation: 'alerts.dia_object',
    key: 'dia_object_id',
    mjd: 'last_detection_mjd',
    select: objectSelect,
  },
  sources: {
    relation: 'alerts.dia_source',
    key: 'dia_source_id',
    mjd: 'mid_point_tai',
    select: () => SOURCE,
  },
  'forced-sources': {
    relation: 'alerts.dia_forced_source',
    key: 'dia_forced_source_id',
    mjd: 'mid_point_tai',
    select: () => FORCED,
  },
};

const NUMERIC_TYPES = new Set([20, 21, 23, 700, 701, 1700]);
const BOOL = 16;
const asText = { getTypeParser: () => (text: string) => text };

export class ExportRepository {
  constructor(private readonly pool: SqlPool) {}

  /** The rows after `after` in id order (keyset: each page is an index range scan, however deep). */
  async page(kind: ExportKind, filter: ExportFilter, after: string | null, limit: number): Promise<RawPage> {
    const t = TABLES[kind];
    const result = await this.pool.query<(string | null)[]>({
      text: `SELECT ${t.select()} FROM ${t.relation}
              WHERE ($1::bigint IS NULL OR ${t.key} > $1)
                AND ($2::bigint IS NULL OR dia_object_id = $2)
                AND ($3::float8 IS NULL OR ${t.mjd} >= $3)
              ORDER BY ${t.key} LIMIT $4`,
      values: [after, filter.objectId?.toString() ?? null, filter.sinceMjd ?? null, limit],
      rowMode: 'array',
      types: asText,
    });
    return {
      columns: result.fields.map((f) => ({
        name: f.name,
        type: NUMERIC_TYPES.has(f.dataTypeID) ? 'number' : f.dataTypeID === BOOL ? 'bool' : 'text',
      })),
      rows: result.rows,
    };
  }
}
