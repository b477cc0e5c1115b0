import { EventBus } from '@opshub/events';
import {
  startSubgraph,
  SUBGRAPH_BASE_KEYS,
  type RunningSubgraph,
  type SubgraphSettings,
} from '@opshub/subgraph-kit';
import { createJobDispatcher } from './command/job-dispatcher.js';
import { buildDcsSchema } from './schema.js';
import { createDcsServices } from './services.js';

/** Every setting the dcs subgraph reads, for one `loadEnv` per process. */
export const DCS_SUBGRAPH_KEYS = [
  ...SUBGRAPH_BASE_KEYS,
  'REDIS_URL',
  'REDIS_PREFIX',
  'DCS_PORT',
  'DCS_COMMAND_TIMEOUT_MS',
] as const;

export type DcsSubgraphSettings = SubgraphSettings<(typeof DCS_SUBGRAPH_KEYS)[number]>;

/**
 * The dcs subgraph on SUBGRAPH_HOST:DCS_PORT (0: a free port, see `url`). Device commands go out as
 * `dcs` queue jobs on REDIS_PREFIX, for the workers to send.
 */
export function startDcsSubgraph(settings: DcsSubgraphSettings): Promise<RunningSubgraph> {
  return startSubgraph('dcs', settings.env.DCS_PORT, settings, async ({ env, log, db, resources }) => {
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
  });
}
