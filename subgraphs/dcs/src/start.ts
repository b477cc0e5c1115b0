import { createLogger, type Env, type Logger } from '@opshub/config';
import { createDb } from '@opshub/db';
import { EventBus } from '@opshub/events';
import { serveSubgraph, type RunningSubgraph } from '@opshub/subgraph-kit';
import { createJobDispatcher } from './command/job-dispatcher.js';
import { buildDcsSchema } from './schema.js';
import { createDcsServices } from './services.js';

/** Every setting the dcs subgraph reads, for one `loadEnv` per process. */
export const DCS_SUBGRAPH_KEYS = [
  'DATABASE_URL',
  'REDIS_URL',
  'REDIS_PREFIX',
  'OPSHUB_SECRET',
  'SUBGRAPH_HOST',
  'DCS_PORT',
  'LOG_LEVEL',
  'DCS_COMMAND_TIMEOUT_MS',
] as const;

export interface DcsSubgraphSettings {
  env: Env<(typeof DCS_SUBGRAPH_KEYS)[number]>;
  log?: Logger;
}

/**
 * The dcs subgraph on SUBGRAPH_HOST:DCS_PORT (0: a free port, see `url`). Device commands go out as
 * `dcs` queue jobs on REDIS_PREFIX, for the workers to send.
 */
export function startDcsSubgraph({
  env,
  log = createLogger('dcs', env.LOG_LEVEL),
}: DcsSubgraphSettings): Promise<RunningSubgraph> {
  return serveSubgraph({
    name: 'dcs',
    host: env.SUBGRAPH_HOST,
    port: env.DCS_PORT,
    secret: env.OPSHUB_SECRET,
    log,
    open: async (resources) => {
      const db = resources.add(
        createDb(env.DATABASE_URL, { onError: (err) => log.warn({ err }, 'database connection lost') }),
        (d) => d.$disconnect(),
      );
      const events = resources.add(await EventBus.connect(env.REDIS_URL, env.REDIS_PREFIX), (e) => e.close());
      const dispatcher = resources.add(await createJobDispatcher(env.REDIS_URL, env.REDIS_PREFIX), (d) =>
        d.close(),
      );
      const services = resources.add(
        createDcsServices(db, {
          databaseUrl: env.DATABASE_URL,
          events,
          log,
          dispatcher,
          commandTimeoutMs: env.DCS_COMMAND_TIMEOUT_MS,
        }),
        (s) => s.close(),
      );
      return buildDcsSchema(services);
    },
  });
}
