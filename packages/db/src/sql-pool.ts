import pg from 'pg';

/**
 * A plain node-postgres pool for the bulk paths Prisma is too slow for (architecture.md
 * "Performance facts": COPY for dcs readings and one SQL aggregate for `series`, unnest inserts for
 * alert ingest and light curves as one JSON value). Only repositories use it.
 */
export type SqlPool = pg.Pool;

export function createSqlPool(databaseUrl: string, max = 4): SqlPool {
  // As createDb (packages/db): a full pool or an unreachable server fails within 5 s instead of
  // waiting forever, and a connection killed while checked out between statements (a COPY batch's
  // transaction) raises an 'error' that is handled, not an uncaught exception.
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    keepAlive: true,
  });
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}
