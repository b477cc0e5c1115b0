import pg from 'pg';
import type { ReplicaOptions } from './replica-health.js';
import { routeSqlPool } from './replica-pool.js';

/**
 * A plain node-postgres pool for the bulk paths Prisma is too slow for (architecture.md
 * "Performance facts": COPY for dcs readings and one SQL aggregate for `series`, unnest inserts for
 * alert ingest and light curves as one JSON value). Only repositories use it.
 */
export type SqlPool = pg.Pool;

/**
 * `replica` (DATABASE_REPLICA_URL): the queries that only read go there while it is up (replica-pool.ts);
 * connections taken with `connect()` stay on the primary.
 */
export function createSqlPool(databaseUrl: string, max = 4, replica?: ReplicaOptions): SqlPool {
  const pool = newPool(databaseUrl, max, 5_000);
  if (!replica) return pool;
  return routeSqlPool(pool, newPool(replica.url, max, replica.connectTimeoutMs ?? 1_000), replica);
}

function newPool(databaseUrl: string, max: number, connectionTimeoutMillis: number): SqlPool {
  // As createDb (packages/db): a full pool or an unreachable server fails within 5 s instead of
  // waiting forever, and a connection killed while checked out between statements (a COPY batch's
  // transaction) raises an 'error' that is handled, not an uncaught exception.
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max,
    connectionTimeoutMillis,
    idleTimeoutMillis: 30_000,
    keepAlive: true,
  });
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}
