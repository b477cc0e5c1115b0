import { EventBus } from '@opshub/events';
import {
  startSubgraph,
  SUBGRAPH_BASE_KEYS,
  type RunningSubgraph,
  type SubgraphSettings,
} from '@opshub/subgraph-kit';
import { queueProducer } from './jobs/queue-producer.js';
import { buildWorkflowSchema } from './schema.js';
import { createWorkflowServices } from './services.js';

/** Every setting the workflow subgraph reads, for one `loadEnv` per process. */
export const WORKFLOW_SUBGRAPH_KEYS = [
  ...SUBGRAPH_BASE_KEYS,
  'REDIS_URL',
  'REDIS_PREFIX',
  'WORKFLOW_PORT',
  'EVENTS_REPLAY_MAX_AGE_SECONDS',
  'REDIS_ENQUEUE_TIMEOUT_MS',
] as const;

export type WorkflowSubgraphSettings = SubgraphSettings<(typeof WORKFLOW_SUBGRAPH_KEYS)[number]>;

/**
 * The workflow subgraph on SUBGRAPH_HOST:WORKFLOW_PORT (0: a free port, see `url`). Moves made here
 * (createObsUnitSet, assignExecutive, submitQa2…) enqueue the workers' next step on REDIS_PREFIX.
 */
export function startWorkflowSubgraph(settings: WorkflowSubgraphSettings): Promise<RunningSubgraph> {
  return startSubgraph(
    'workflow',
    settings.env.WORKFLOW_PORT,
    settings,
    async ({ env, log, db, resources }) => {
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
  );
}
