import { createLogger, type Env, type Logger } from '@opshub/config';
import { createDb } from '@opshub/db';
import { EventBus } from '@opshub/events';
import { serveSubgraph, type RunningSubgraph } from '@opshub/subgraph-kit';
import { buildDqmSchema } from './schema.js';
import { createDqmServices } from './services.js';

/** Every setting the dqm subgraph reads, for one `loadEnv` per process. */
export const DQM_SUBGRAPH_KEYS = [
  'DATABASE_URL',
  'REDIS_URL',
  'REDIS_PREFIX',
  'OPSHUB_SECRET',
  'SUBGRAPH_HOST',
  'DQM_PORT',
  'LOG_LEVEL',
] as const;

export interface DqmSubgraphSettings {
  env: Env<(typeof DQM_SUBGRAPH_KEYS)[number]>;
  log?: Logger;
}

/** The dqm subgraph on SUBGRAPH_HOST:DQM_PORT (0: a free port, see `url`). */
export function startDqmSubgraph({
  env,
  log = createLogger('dqm', env.LOG_LEVEL),
}: DqmSubgraphSettings): Promise<RunningSubgraph> {
  return serveSubgraph({
    name: 'dqm',
    host: env.SUBGRAPH_HOST,
    port: env.DQM_PORT,
    secret: env.OPSHUB_SECRET,
    log,
    open: async (resources) => {
      const db = resources.add(
        createDb(env.DATABASE_URL, { onError: (err) => log.warn({ err }, 'database connection lost') }),
        (d) => d.$disconnect(),
      );
      const events = resources.add(await EventBus.connect(env.REDIS_URL, env.REDIS_PREFIX), (e) => e.close());
      return buildDqmSchema(createDqmServices(db, { events, log }));
    },
  });
}
