import { createLogger, type Env, type EnvKey, type Logger, type SubgraphName } from '@opshub/config';
import { createDb, type Db, type ReplicaOptions } from '@opshub/db';
import { serveSubgraph, type Resources, type ServeSubgraphOptions } from './serve.js';
import type { RunningSubgraph } from './server.js';

/** The settings every subgraph reads; each adds its port and its own (`[...SUBGRAPH_BASE_KEYS, 'X_PORT', …]`). */
export const SUBGRAPH_BASE_KEYS = [
  'DATABASE_URL',
  'DATABASE_REPLICA_URL',
  'OPSHUB_SECRET',
  'SUBGRAPH_HOST',
  'LOG_LEVEL',
] as const;

export type SubgraphBaseEnv = Env<(typeof SUBGRAPH_BASE_KEYS)[number]>;

/** What every `start<Name>Subgraph` takes: its validated settings (`K`: its keys) and, optionally, a logger. */
export interface SubgraphSettings<K extends EnvKey> {
  env: Env<K>;
  log?: Logger;
}

/** What a subgraph opens over the shared database client. */
export interface SubgraphOpening<E> {
  env: E;
  log: Logger;
  /**
   * The Prisma client on DATABASE_URL (closed after the server); with DATABASE_REPLICA_URL, its reads
   * outside transactions go to the replica (@opshub/db replica.ts); `createSqlPool(url, max, replicaOf(db))`
   * routes a bulk pool's reads the same way.
   */
  db: Db;
  /** Register what else must be closed after the server (Redis, pools, queues). */
  resources: Resources;
}

/**
 * The body of every `start<Name>Subgraph`: a logger named after the subgraph, the database client,
 * then `open` builds the services and the schema; served on SUBGRAPH_HOST:`port` (0: a free port).
 */
export function startSubgraph<E extends SubgraphBaseEnv>(
  name: SubgraphName,
  port: number,
  settings: { env: E; log?: Logger | undefined },
  open: (opening: SubgraphOpening<E>) => ReturnType<ServeSubgraphOptions['open']>,
): Promise<RunningSubgraph> {
  const { env } = settings;
  const log = settings.log ?? createLogger(name, env.LOG_LEVEL);
  return serveSubgraph({
    name,
    host: env.SUBGRAPH_HOST,
    port,
    secret: env.OPSHUB_SECRET,
    log,
    open: async (resources) => {
      const replica = replicaOptions(env.DATABASE_REPLICA_URL, log);
      const db = resources.add(
        createDb(env.DATABASE_URL, {
          onError: (err) => log.warn({ err }, 'database connection lost'),
          replica,
        }),
        (d) => d.$disconnect(),
      );
      return open({ env, log, db, resources });
    },
  });
}

/** The replica's routing options, logging when it goes down and comes back; undefined without one. */
function replicaOptions(url: string | undefined, log: Logger): ReplicaOptions | undefined {
  if (!url) return undefined;
  return {
    url,
    onChange: (up, err) =>
      up
        ? log.info('read replica back: reads go to it again')
        : log.warn({ err }, 'read replica unreachable: reads go to the primary'),
  };
}
