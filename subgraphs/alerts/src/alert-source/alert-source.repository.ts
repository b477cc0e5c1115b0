import { createHash } from 'node:crypto';
import type { Db, SqlPool } from '@opshub/db';
import { OBJECT_TRUTH_FIELDS, type ObjectTruthRow, type SourceTruthRow } from './alert-truth.js';

export interface AlertSourceRow {
  id: bigint;
  url: string;
  name: string;
  cursor: string | null;
  lastPulledAt: Date | null;
  lastError: string | null;
  failures: number;
  backoffUntil: Date | null;
  batches: number;
  alerts: number;
  quarantined: number;
  truthObjects: number;
  truthSources: number;
}

/** What one stored (or quarantined) batch adds to its source; the cursor moves with it. */
export interface BatchDone {
  cursor: string;
  alerts: number;
  quarantined: number;
  truthObjects: number;
  truthSources: number;
}

const ids = (xs: readonly bigint[]): string[] => xs.map(String);

/** Alert sources (Prisma) and the truth they serve (bulk SQL on the pool). */
export class AlertSourceRepository {
  constructor(
    private readonly db: Db,
    private readonly pool: SqlPool,
  ) {}

  list(): Promise<AlertSourceRow[]> {
    return this.db.alertSource.findMany({ orderBy: { id: 'asc' } });
  }

  find(id: bigint): Promise<AlertSourceRow | null> {
    return this.db.alertSource.findUnique({ where: { id } });
  }

  /** Idempotent by URL: the source already registered is returned as it is. */
  add(url: string, name: string): Promise<AlertSourceRow> {
    return this.db.alertSource.upsert({ where: { url }, create: { url, name }, update: {} });
  }

  async remove(id: bigint): Promise<boolean> {
    return (await this.db.alertSource.deleteMany({ where: { id } })).count > 0;
  }

  /** One batch done: the cursor moves past it and its counts are added, in one statement (none once removed). */
  async batchDone(id: bigint, done: BatchDone): Promise<void> {
    await this.db.alertSource.updateMany({
      where: { id },
      data: {
        cursor: done.cursor,
        batches: { increment: 1 },
        alerts: { increment: done.alerts },
        quarantined: { increment: done.quarantined },
        truthObjects: { increment: done.truthObjects },
        truthSources: { increment: done.truthSources },
      },
    });
  }

  async pulled(id: bigint, at: Date): Promise<void> {
    await this.db.alertSource.updateMany({
      where: { id },
      data: { lastPulledAt: at, lastError: null, failures: 0, backoffUntil: null },
    });
  }

  async failed(id: bigint, at: Date, error: string, failures: number, until: Date): Promise<void> {
    await this.db.alertSource.updateMany({
      where: { id },
      data: { lastPulledAt: at, lastError: error, failures, backoffUntil: until },
    });
  }

  /** Stores truth rows (known ones left as they are); returns how many of each were new. */
  async storeTruth(
    objects: readonly ObjectTruthRow[],
    sources: readonly SourceTruthRow[],
  ): Promise<{ objects: number; sources: number }> {
    let newObjects = 0;
    let newSources = 0;
    if (objects.length) {
      const columns = ['dia_object_id', 'gentype', ...OBJECT_TRUTH_FIELDS.map((f) => f.column)];
      const types = ['bigint', 'int', ...OBJECT_TRUTH_FIELDS.map((f) => f.type)];
      const result = await this.pool.query(
        `INSERT INTO alerts.dia_object_truth (${columns.map((c) => `"${c}"`).join(', ')})
         SELECT * FROM unnest(${types.map((t, i) => `$${i + 1}::${t}[]`).join(', ')})
         ON CONFLICT (dia_object_id) DO NOTHING`,
        [
          ids(objects.map((o) => o.diaObjectId)),
          objects.map((o) => o.gentype),
          ...OBJECT_TRUTH_FIELDS.map((f) => objects.map((o) => o.values[f.column] ?? null)),
        ],
      );
      newObjects = result.rowCount ?? 0;
    }
    if (sources.length) {
      const result = await this.pool.query(
        `INSERT INTO alerts.dia_source_truth (dia_source_id, dia_object_id, mjd, detect, gentype, genmag)
         SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::float8[], $4::bool[], $5::int[], $6::real[])
         ON CONFLICT (dia_source_id) DO NOTHING`,
        [
          ids(sources.map((s) => s.diaSourceId)),
          ids(sources.map((s) => s.diaObjectId)),
          sources.map((s) => s.mjd),
          sources.map((s) => s.detect),
          sources.map((s) => s.gentype),
          sources.map((s) => s.genmag),
        ],
      );
      newSources = result.rowCount ?? 0;
    }
    return { objects: newObjects, sources: newSources };
  }

  /** Truth lines refused, in the alerts quarantine (once each: keyed by a digest). Returns how many were new. */
  async quarantineTruth(source: string, lines: readonly { line: number; reason: string; text: string }[]) {
    if (lines.length === 0) return 0;
    const digest = (l: { line: number; reason: string; text: string }): string =>
      createHash('sha256').update(`${source}\0${l.line}\0${l.reason}\0${l.text}`).digest('hex');
    const result = await this.pool.query(
      `INSERT INTO alerts.alert_quarantine (digest, source, position, reason, record)
       SELECT d, s, p, r, to_jsonb(t)
         FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[]) AS q(d, s, p, r, t)
       ON CONFLICT (digest) DO NOTHING`,
      [
        lines.map(digest),
        lines.map(() => source),
        lines.map((l) => l.line - 1),
        lines.map((l) => l.reason),
        lines.map((l) => l.text),
      ],
    );
    return result.rowCount ?? 0;
  }
}
