import type { SqlDriverAdapterFactory } from '@prisma/client/runtime/client';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from './generated/client.js';
import { ReplicaHealth, type ReplicaOptions } from './replica-health.js';
import { routingAdapter, withReplicaHealth } from './replica.js';

export type Db = PrismaClient;

type Adapter = Awaited<ReturnType<SqlDriverAdapterFactory['connect']>>;
type Transaction = Awaited<ReturnType<Adapter['startTransaction']>>;
type Query = Parameters<Transaction['executeRaw']>[0];

export interface DbOptions {
  /** Connections in the pool. Default 10. */
  max?: number;
  /**
   * How long a query or transaction waits for a free connection (or for a new one to open) before it
   * fails. Default 5 s: a full pool or an unreachable server is an error, never an endless wait.
   */
  connectionTimeoutMs?: number;
  /** An unused connection is closed after this long. Default 30 s. */
  idleTimeoutMs?: number;
  /**
   * A connection died outside a query (killed while idle in the pool or between a transaction's
   * statements). The pool drops it; the next query that needed it fails on its own. Default: ignored.
   */
  onError?: (error: Error) => void;
  /**
   * A read replica (DATABASE_REPLICA_URL): reads outside transactions go there, everything else to
   * `databaseUrl`; reads fall back to the primary while it is down (replica.ts, docs/operations.md).
   */
  replica?: ReplicaOptions | undefined;
}

/** A Prisma client over node-postgres (the driver adapter; no native query engine). */
export function createDb(databaseUrl: string, options: DbOptions = {}): Db {
  const primary = pgAdapter(databaseUrl, options);
  if (!options.replica) return new PrismaClient({ adapter: primary });
  const health = new ReplicaHealth(options.replica);
  const replica = pgAdapter(options.replica.url, {
    ...options,
    connectionTimeoutMs: health.connectTimeoutMs,
  });
  return withReplicaHealth(new PrismaClient({ adapter: routingAdapter(primary, replica, health) }), health);
}

function pgAdapter(databaseUrl: string, options: DbOptions): SqlDriverAdapterFactory {
  const onError = options.onError ?? (() => undefined);
  const newPool = (): pg.Pool => {
    const pool = new pg.Pool({
      connectionString: databaseUrl,
      max: options.max ?? 10,
      connectionTimeoutMillis: options.connectionTimeoutMs ?? 5_000,
      idleTimeoutMillis: options.idleTimeoutMs ?? 30_000,
      keepAlive: true,
    });
    // Without a listener, a connection terminated while checked out but not running a query (between
    // a transaction's statements) emits an 'error' nobody handles: an uncaught exception.
    pool.on('error', onError);
    pool.on('connect', (client) => client.on('error', onError));
    return pool;
  };
  return {
    provider: 'postgres',
    adapterName: '@prisma/adapter-pg',
    // A pool per connect: Prisma connects again after `$disconnect()`, which ended the previous one.
    connect: async () => {
      const pg = new PrismaPg(newPool(), {
        disposeExternalPool: true,
        onPoolError: onError,
        onConnectionError: onError,
      });
      return releasingTransactions(await pg.connect());
    },
  };
}

const ENDS_TRANSACTION = /^\s*(COMMIT|ROLLBACK)\s*;?\s*$/i;

/**
 * Prisma's transaction manager (6.19) sends COMMIT or ROLLBACK and only then calls the adapter's
 * `commit()`/`rollback()`, which give the connection back to the pool. When that statement fails (the
 * connection was killed), neither is called and the pool loses the connection for good: after `max`
 * such failures every transaction and `$disconnect()` wait forever. Here a failed COMMIT/ROLLBACK
 * releases the connection with its error, so the pool destroys it and opens a fresh one.
 */
function releasingTransactions(adapter: Adapter): Adapter {
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolationLevel) => {
    const tx = await startTransaction(isolationLevel);
    // PgTransaction keeps its pool client as `client` (@prisma/adapter-pg 6.19.3, pinned).
    const client = (tx as unknown as { client?: pg.PoolClient }).client;
    if (!client) throw new Error('@prisma/adapter-pg changed: its transaction has no pool client');
    return releasing(tx, client);
  };
  return adapter;
}

function releasing(tx: Transaction, client: pg.PoolClient): Transaction {
  let released = false;
  const once = async (release: () => Promise<void> | void): Promise<void> => {
    if (released) return;
    released = true;
    await release();
  };
  const guarded = async <T>(query: Query, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      if (ENDS_TRANSACTION.test(query.sql)) {
        await once(() => client.release(error instanceof Error ? error : new Error(String(error))));
      }
      throw error;
    }
  };
  return {
    provider: tx.provider,
    adapterName: tx.adapterName,
    options: tx.options,
    queryRaw: (query) => guarded(query, () => tx.queryRaw(query)),
    executeRaw: (query) => guarded(query, () => tx.executeRaw(query)),
    commit: () => once(() => tx.commit()),
    rollback: () => once(() => tx.rollback()),
  };
}

/** Prisma's error code for a unique-constraint violation. */
export const UNIQUE_VIOLATION = 'P2002';
/** Prisma's error code for "record to update/delete not found". */
export const RECORD_NOT_FOUND = 'P2025';

export function prismaErrorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
