import {
  startSubgraph,
  SUBGRAPH_BASE_KEYS,
  type RunningSubgraph,
  type SubgraphSettings,
} from '@opshub/subgraph-kit';
import { buildAlertsSchema } from './schema.js';
import { createAlertsServices } from './services.js';

/** Every setting the alerts subgraph reads, for one `loadEnv` per process. */
export const ALERTS_SUBGRAPH_KEYS = [...SUBGRAPH_BASE_KEYS, 'ALERTS_PORT'] as const;

export type AlertsSubgraphSettings = SubgraphSettings<(typeof ALERTS_SUBGRAPH_KEYS)[number]>;

/** The alerts subgraph on SUBGRAPH_HOST:ALERTS_PORT (0: a free port, see `url`). */
export function startAlertsSubgraph(settings: AlertsSubgraphSettings): Promise<RunningSubgraph> {
  return startSubgraph('alerts', settings.env.ALERTS_PORT, settings, async ({ db }) => {
    return buildAlertsSchema(createAlertsServices(db));
  });
}
