import { createLogger, type Env, type Logger } from '@opshub/config';
import { createDb } from '@opshub/db';
import { serveSubgraph, type RunningSubgraph } from '@opshub/subgraph-kit';
import { buildAlertsSchema } from './schema.js';
import { createAlertsServices } from './services.js';

/** Every setting the alerts subgraph reads, for one `loadEnv` per process. */
export const ALERTS_SUBGRAPH_KEYS = [
  'DATABASE_URL',
  'OPSHUB_SECRET',
  'SUBGRAPH_HOST',
  'ALERTS_PORT',
  'LOG_LEVEL',
] as const;

export interface AlertsSubgraphSettings {
  env: Env<(typeof ALERTS_SUBGRAPH_KEYS)[number]>;
  log?: Logger;
}

/** The alerts subgraph on SUBGRAPH_HOST:ALERTS_PORT (0: a free port, see `url`). */
export function startAlertsSubgraph({
  env,
  log = createLogger('alerts', env.LOG_LEVEL),
}: AlertsSubgraphSettings): Promise<RunningSubgraph> {
  return serveSubgraph({
    name: 'alerts',
    host: env.SUBGRAPH_HOST,
    port: env.ALERTS_PORT,
    secret: env.OPSHUB_SECRET,
    log,
    open: async (resources) => {
      const db = resources.add(
        createDb(env.DATABASE_URL, { onError: (err) => log.warn({ err }, 'database connection lost') }),
        (d) => d.$disconnect(),
      );
      return buildAlertsSchema(createAlertsServices(db));
    },
  });
}
