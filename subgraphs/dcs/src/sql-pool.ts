import pg from 'pg';

/**
 * A plain node-postgres pool for the bulk paths Prisma is too slow for (architecture.md
 * "Performance facts": COPY for readings, one SQL aggregate for `series`).
 */
export type SqlPool = pg.Pool;

export function createSqlPool(databaseUrl: string, max = 4): SqlPool {
  const pool = new pg.Pool({ connectionString: databaseUrl, max });
  pool.on('error', () => undefined);
  return pool;
}
