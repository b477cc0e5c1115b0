import type { WorkflowServices } from '@opshub/workflow';
import type { Processor } from '../runtime/processor-registry.js';

/**
 * The data tracker: a FullyObserved OUS is ReadyForProcessing once its raw data is replicated, an
 * ingested one Delivered once every product is archived (throws, so retries, until then).
 */
export function trackDeliveryProcessor(
  workflow: Pick<WorkflowServices, 'tracker'>,
): Processor<'track-delivery'> {
  return (job) => workflow.tracker.track(job.data.ousId);
}
