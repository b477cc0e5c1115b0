import { EventBus } from '@opshub/events';
import { createProducer } from '@opshub/jobs';
import {
  startSubgraph,
  SUBGRAPH_BASE_KEYS,
  type RunningSubgraph,
  type SubgraphSettings,
} from '@opshub/subgraph-kit';
import { buildAlertsSchema } from './schema.js';
import { tomSurface } from './rest/tom-surface.js';
import { createAlertsServices } from './services.js';
import { bullSqlJobs } from './sql/sql-jobs.js';
import { sqlRunResultRoute } from './sql/sqlrunresult.route.js';

/** Every setting the alerts subgraph reads, for one `loadEnv` per process. */
export const ALERTS_SUBGRAPH_KEYS = [
  ...SUBGRAPH_BASE_KEYS,
  'REDIS_URL',
  'REDIS_PREFIX',
  'ALERTS_PORT',
  'REDIS_ENQUEUE_TIMEOUT_MS',
  'ALERTS_SQL_TIMEOUT_MS',
  'ALERTS_SQL_MAX_ROWS',
  'ALERTS_SQL_RUN_TIMEOUT_MS',
  'ALERTS_SQL_RESULTS_DIR',
] as const;

export type AlertsSubgraphSettings = SubgraphSettings<(typeof ALERTS_SUBGRAPH_KEYS)[number]>;

/**
 * The alerts subgraph on SUBGRAPH_HOST:ALERTS_PORT (0: a free port, see `url`): light curves over
 * its bulk SQL pool, `alertIngested` from REDIS_URL.
 */
export function startAlertsSubgraph(settings: AlertsSubgraphSettings): Promise<RunningSubgraph> {
  return startSubgraph('alerts', settings.env.ALERTS_PORT, settings, async ({ env, log, db, resources }) => {
    const events = resources.add(await EventBus.connect(env.REDIS_URL, env.REDIS_PREFIX), (e) => e.close());
    // Submitted SQL runs are queued for the workers on a fail-fast producer connection.
    const producer = resources.add(
      createProducer(env.REDIS_URL, env.REDIS_PREFIX, { enqueueTimeoutMs: env.REDIS_ENQUEUE_TIMEOUT_MS }),
      (p) => p.close(),
    );
    const sql = {
      settings: {
        timeoutMs: env.ALERTS_SQL_TIMEOUT_MS,
        maxRows: env.ALERTS_SQL_MAX_ROWS,
        runTimeoutMs: env.ALERTS_SQL_RUN_TIMEOUT_MS,
        resultsDir: env.ALERTS_SQL_RESULTS_DIR,
      },
      jobs: bullSqlJobs(producer),
    };
    const services = resources.add(
      createAlertsServices(db, { databaseUrl: env.DATABASE_URL, events, log, sql }),
      (s) => s.close(),
    );
    const { schema } = await buildAlertsSchema(services);
    const tom = tomSurface(services, env.OPSHUB_SECRET, log);
    const sqlRunFiles = sqlRunResultRoute(services.sql, log);
    return {
      schema,
      routes: (app) => {
        sqlRunFiles(app);
        tom(app);
      },
    };
  });
}
