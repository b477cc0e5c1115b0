import { EventBus } from '@opshub/events';
import {
  startSubgraph,
  SUBGRAPH_BASE_KEYS,
  type RunningSubgraph,
  type SubgraphSettings,
} from '@opshub/subgraph-kit';
import { buildDqmSchema } from './schema.js';
import { createDqmServices } from './services.js';

/** Every setting the dqm subgraph reads, for one `loadEnv` per process. */
export const DQM_SUBGRAPH_KEYS = [
  ...SUBGRAPH_BASE_KEYS,
  'REDIS_URL',
  'REDIS_PREFIX',
  'DQM_PORT',
  'DQM_PSEUDONYM_KEY',
] as const;

export type DqmSubgraphSettings = SubgraphSettings<(typeof DQM_SUBGRAPH_KEYS)[number]>;

/** The dqm subgraph on SUBGRAPH_HOST:DQM_PORT (0: a free port, see `url`). */
export function startDqmSubgraph(settings: DqmSubgraphSettings): Promise<RunningSubgraph> {
  return startSubgraph('dqm', settings.env.DQM_PORT, settings, async ({ env, log, db, resources }) => {
    const events = resources.add(await EventBus.connect(env.REDIS_URL, env.REDIS_PREFIX), (e) => e.close());
    // The control room pseudonymises host names in agents' answers with the workers' key.
    return buildDqmSchema(
      createDqmServices(db, {
        events,
        log,
        pseudonymKey: env.DQM_PSEUDONYM_KEY ?? null,
      }),
    );
  });
}
