import type { DqmServices, PullSummary } from '@opshub/dqm';
import type { Processor } from '../runtime/processor-registry.js';

/**
 * One NectarCAM pull over every enabled source. A bad file is quarantined and an unreachable source
 * recorded by the service, so the job itself fails only when the database does (then it is retried).
 */
export function nectarcamPullProcessor(
  dqm: Pick<DqmServices, 'nectarcamIngest'>,
): Processor<'nectarcam-pull'> {
  return async (): Promise<PullSummary> => dqm.nectarcamIngest.pull();
}
