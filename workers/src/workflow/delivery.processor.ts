import type { WorkflowServices } from '@opshub/workflow';
import type { Processor } from '../runtime/processor-registry.js';

/** The data tracker: Delivered once every product is archived (throws, so retries, until then). */
export function trackDeliveryProcessor(
  workflow: Pick<WorkflowServices, 'delivery'>,
): Processor<'track-delivery'> {
  return (job) => workflow.delivery.track(job.data.ousId);
}
