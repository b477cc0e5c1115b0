import type { Db } from '@opshub/db';

/** Inserted-row counters of `tables` (`schema.table`), PostgreSQL's own (`pg_stat_user_tables.n_tup_ins`). */
export async function insertedRows(db: Db, tables: readonly string[]): Promise<Map<string, number>> {
  const rows = await db.$queryRawUnsafe<{ name: string; inserted: bigint | number }[]>(
    `SELECT schemaname || '.' || relname AS name, n_tup_ins AS inserted
       FROM pg_stat_user_tables
      WHERE schemaname || '.' || relname = ANY($1::text[])`,
    tables,
  );
  return new Map(rows.map((r) => [r.name, Number(r.inserted)]));
}

/** Rows held now in each of `tables` (small: refused records, pruned by retention). */
export async function heldRows(db: Db, tables: readonly string[]): Promise<Map<string, number>> {
  // The names are the module's constants (metrics.ts), never input: safe to inline.
  const rows = await db.$queryRawUnsafe<{ name: string; n: bigint | number }[]>(
    tables.map((t) => `SELECT '${t}' AS name, count(*) AS n FROM ${t}`).join(' UNION ALL '),
  );
  return new Map(rows.map((r) => [r.name, Number(r.n)]));
}

/** The metrics' reads of the database, bound to the process's client. */
export interface TableCounters {
  inserted(tables: readonly string[]): Promise<Map<string, number>>;
  held(tables: readonly string[]): Promise<Map<string, number>>;
}

export const tableCounters = (db: Db): TableCounters => ({
  inserted: (tables) => insertedRows(db, tables),
  held: (tables) => heldRows(db, tables),
});
