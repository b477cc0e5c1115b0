import { createSqlPool, type SqlPool } from '@opshub/db';

export interface ServerInfo {
  major: number;
  version: string;
  database: string;
}

/** What a backup asks the database itself: its server and what its schemas hold. */
export class BackupRepository {
  private constructor(private readonly pool: SqlPool) {}

  static open(databaseUrl: string): BackupRepository {
    return new BackupRepository(createSqlPool(databaseUrl, 1));
  }

  async serverInfo(): Promise<ServerInfo> {
    const { rows } = await this.pool.query<{ num: string; version: string; db: string }>(
      `SELECT current_setting('server_version_num') AS num, current_setting('server_version') AS version,
              current_database() AS db`,
    );
    const row = rows[0]!;
    return { major: Math.floor(Number(row.num) / 10_000), version: row.version, database: row.db };
  }

  /** The tables of `schemas` that hold rows, with their counts (`schema.table`). */
  async tablesWithRows(schemas: readonly string[]): Promise<{ table: string; rows: number }[]> {
    const { rows: tables } = await this.pool.query<{ schema: string; name: string }>(
      `SELECT n.nspname AS schema, c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY($1) ORDER BY 1, 2`,
      [schemas],
    );
    const found: { table: string; rows: number }[] = [];
    for (const t of tables) {
      const quoted = `"${t.schema.replace(/"/g, '""')}"."${t.name.replace(/"/g, '""')}"`;
      const { rows } = await this.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${quoted}`);
      if (rows[0]!.n > 0) found.push({ table: `${t.schema}.${t.name}`, rows: rows[0]!.n });
    }
    return found;
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
