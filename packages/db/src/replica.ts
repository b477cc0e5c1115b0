import { ReadOnlyReplicaError } from '@opshub/errors';
import type { SqlDriverAdapterFactory } from '@prisma/client/runtime/client';
import { sqlState, type ReplicaHealth, type ReplicaOptions, type ReplicaState } from './replica-health.js';
import { isReadOnlyStatement } from './replica-sql.js';

type SqlDriverAdapter = Awaited<ReturnType<SqlDriverAdapterFactory['connect']>>;
type SqlQuery = Parameters<SqlDriverAdapter['queryRaw']>[0];
type SqlResultSet = Awaited<ReturnType<SqlDriverAdapter['queryRaw']>>;

/** SQLSTATE read_only_sql_transaction: "cannot execute INSERT in a read-only transaction". */
const READ_ONLY_SQL_TRANSACTION = '25006';

/**
 * Runs `read` on the replica when the health allows it; when the replica cannot be reached (or the
 * standby cancelled the statement), the same read runs on the primary. A write that reached the
 * replica becomes READ_ONLY_REPLICA.
 */
export async function routeRead<T>(
  health: ReplicaHealth,
  onReplica: () => Promise<T>,
  onPrimary: () => Promise<T>,
): Promise<T> {
  if (!health.useReplica()) return onPrimary();
  try {
    return await onReplica();
  } catch (error) {
    if (sqlState(error) === READ_ONLY_SQL_TRANSACTION) throw readOnlyReplica(error);
    if (health.failed(error)) return onPrimary();
    throw error;
  }
}

function readOnlyReplica(error: unknown): ReadOnlyReplicaError {
  const e = error as { cause?: { originalMessage?: unknown }; message?: unknown };
  const detail = e.cause?.originalMessage ?? e.message;
  return new ReadOnlyReplicaError(
    `A statement that writes reached the read-only replica (${String(detail)}); nothing was written. ` +
      'Run it in a transaction, which goes to the primary.',
  );
}

/**
 * A Prisma driver adapter over two: statements that only read (replica-sql.ts) and run outside a
 * transaction go to `replica`; every transaction, every other statement and every script go to
 * `primary`. The Prisma client above it is unchanged (`Db` stays `PrismaClient`), so every repository
 * of every subgraph is routed without knowing it.
 */
export function routingAdapter(
  primaryFactory: SqlDriverAdapterFactory,
  replicaFactory: SqlDriverAdapterFactory,
  health: ReplicaHealth,
): SqlDriverAdapterFactory {
  return {
    provider: primaryFactory.provider,
    adapterName: primaryFactory.adapterName,
    connect: async () => {
      const [primary, replica] = await Promise.all([primaryFactory.connect(), replicaFactory.connect()]);
      health.open();
      return routing(primary, replica, health);
    },
  };
}

function routing(
  primary: SqlDriverAdapter,
  replica: SqlDriverAdapter,
  health: ReplicaHealth,
): SqlDriverAdapter {
  const written = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } finally {
      health.wrote();
    }
  };
  const adapter: SqlDriverAdapter = {
    provider: primary.provider,
    adapterName: primary.adapterName,
    queryRaw: (query: SqlQuery): Promise<SqlResultSet> =>
      isReadOnlyStatement(query.sql)
        ? routeRead(
            health,
            () => replica.queryRaw(query),
            () => primary.queryRaw(query),
          )
        : written(() => primary.queryRaw(query)),
    executeRaw: (query) => written(() => primary.executeRaw(query)),
    executeScript: (script) => written(() => primary.executeScript(script)),
    startTransaction: async (isolationLevel) => {
      const tx = await primary.startTransaction(isolationLevel);
      const commit = tx.commit.bind(tx);
      tx.commit = () => written(commit);
      return tx;
    },
    dispose: async () => {
      health.close();
      await Promise.all([primary.dispose(), replica.dispose()]);
    },
  };
  if (primary.getConnectionInfo) adapter.getConnectionInfo = primary.getConnectionInfo.bind(primary);
  return adapter;
}

const HEALTH = new WeakMap<object, ReplicaHealth>();

/** Remembers the replica health of a routed client or pool, for `replicaState`. */
export function withReplicaHealth<T extends object>(owner: T, health: ReplicaHealth): T {
  HEALTH.set(owner, health);
  return owner;
}

/**
 * The replica a client of `createDb` reads from (undefined without one): a composition root passes it
 * to `createSqlPool(url, max, replicaOf(db))` so that the bulk pool reads from it too.
 */
export function replicaOf(clientOrPool: object): ReplicaOptions | undefined {
  return HEALTH.get(clientOrPool)?.options;
}

/**
 * Whether a client of `createDb` or a pool of `createSqlPool` reads from its replica now, and how many
 * reads each side served; undefined without a replica.
 */
export function replicaState(clientOrPool: object): ReplicaState | undefined {
  return HEALTH.get(clientOrPool)?.state();
}
