import type pg from 'pg';
import { ReplicaHealth, type ReplicaOptions } from './replica-health.js';
import { routeRead, withReplicaHealth } from './replica.js';
import { isReadOnlyStatement } from './replica-sql.js';

type Query = (...args: unknown[]) => unknown;

/**
 * Routes a bulk SQL pool as createDb routes Prisma: `pool.query(text, values)` that only reads goes to
 * `replica` (falling back to the primary while it is down); any other query and every client taken with
 * `pool.connect()` (COPY, transactions) stay on the primary. `pool.end()` also ends the replica's pool.
 */
export function routeSqlPool(primary: pg.Pool, replica: pg.Pool, options: ReplicaOptions): pg.Pool {
  const health = new ReplicaHealth(options);
  const onPrimary = primary.query.bind(primary) as Query;
  const onReplica = replica.query.bind(replica) as Query;
  const routed: Query = (...args) => {
    const [first] = args;
    const text = typeof first === 'string' ? first : (first as { text?: unknown } | null)?.text;
    // The callback forms are not routed (nothing here uses them): they run on the primary as they are.
    const callback = typeof args[args.length - 1] === 'function';
    if (typeof text !== 'string' || callback || !isReadOnlyStatement(text)) {
      const result = onPrimary(...args);
      if (result instanceof Promise) return result.finally(() => health.wrote());
      health.wrote();
      return result;
    }
    return routeRead(
      health,
      () => onReplica(...args) as Promise<unknown>,
      () => onPrimary(...args) as Promise<unknown>,
    );
  };
  primary.query = routed as typeof primary.query;

  const connect = primary.connect.bind(primary) as (...args: unknown[]) => unknown;
  primary.connect = ((...args: unknown[]) => {
    if (args.length > 0) return connect(...args);
    return (connect() as Promise<pg.PoolClient>).then((client) => {
      const release = client.release.bind(client);
      client.release = (err?: Error | boolean) => {
        health.wrote();
        release(err);
      };
      return client;
    });
  }) as typeof primary.connect;

  const end = primary.end.bind(primary);
  primary.end = (async () => {
    health.close();
    await Promise.all([end(), replica.end()]);
  }) as typeof primary.end;
  return withReplicaHealth(primary, health);
}
