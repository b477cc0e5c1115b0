import type { AlertsServices } from '@opshub/alerts';
import type { Processor } from '../runtime/processor-registry.js';

/**
 * Pulls every broker source from its cursor, one after the other (each request has its deadline; a
 * failing source is recorded on it and the others still pulled). Idempotent: a page taken again is
 * counted as duplicates, never stored twice, and a source's cursor moves only past a stored page.
 */
export function brokerPullProcessor(alerts: Pick<AlertsServices, 'brokerSources'>): Processor<'broker-pull'> {
  return async () => {
    const outcomes = [];
    for (const id of await alerts.brokerSources.ids()) outcomes.push(await alerts.brokerSources.pull(id));
    return { sources: outcomes };
  };
}
