import { createLogger, type Env, type Logger } from '@opshub/config';
import { createDb } from '@opshub/db';
import { EventBus } from '@opshub/events';
import { serveSubgraph, type RunningSubgraph } from '@opshub/subgraph-kit';
import { queueProducer } from './jobs/queue-producer.js';
import { buildWorkflowSchema } from './schema.js';
import { createWorkflowServices } from './services.js';

/** Every setting the workflow subgraph reads, for one `loadEnv` per process. */
export const WORKFLOW_SUBGRAPH_KEYS = [
  'DATABASE_URL',
  'REDIS_URL',
  'REDIS_PREFIX',
  'OPSHUB_SECRET',
  'SUBGRAPH_HOST',
  'WORKFLOW_PORT',
  'LOG_LEVEL',
  'EVENTS_REPLAY_MAX_AGE_SECONDS',
  'REDIS_ENQUEUE_TIMEOUT_MS',
] as const;

export interface WorkflowSubgraphSettings {
  env: Env<(typeof WORKFLOW_SUBGRAPH_KEYS)[number]>;
  log?: Logger;
}

/**
 * The workflow subgraph on SUBGRAPH_HOST:WORKFLOW_PORT (0: a free port, see `url`). Moves made here
 * (createObsUnitSet, assignExecutive, submitQa2…) enqueue the workers' next step on REDIS_PREFIX.
 */
export function startWorkflowSubgraph({
  env,
  log = createLogger('workflow', env.LOG_LEVEL),
}: WorkflowSubgraphSettings): Promise<RunningSubgraph> {
  return serveSubgraph({
    name: 'workflow',
    host: env.SUBGRAPH_HOST,
    port: env.WORKFLOW_PORT,
    secret: env.OPSHUB_SECRET,
    log,
    open: async (resources) => {
      const db = resources.add(
        createDb(env.DATABASE_URL, { onError: (err) => log.warn({ err }, 'database connection lost') }),
        (d) => d.$disconnect(),
      );
      const events = resources.add(
        await EventBus.connect(env.REDIS_URL, env.REDIS_PREFIX, {
          replayMaxAgeMs: env.EVENTS_REPLAY_MAX_AGE_SECONDS * 1000,
        }),
        (e) => e.close(),
      );
      const producer = resources.add(
        queueProducer(env.REDIS_URL, env.REDIS_PREFIX, { enqueueTimeoutMs: env.REDIS_ENQUEUE_TIMEOUT_MS }),
        (p) => p.close(),
      );
      return buildWorkflowSchema(createWorkflowServices(db, events, log, { jobs: producer.jobs }));
    },
  });
}
