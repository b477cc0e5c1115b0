import type { WorkflowServices } from '@opshub/workflow';
import type { Processor } from '../runtime/processor-registry.js';

/** The replicated cache: copies a run's products to the JAO cache, checksums verified. */
export function replicateProductsProcessor(
  workflow: Pick<WorkflowServices, 'replication'>,
): Processor<'replicate-products'> {
  return (job) => workflow.replication.replicate(job.data.ousId, job.data.run);
}
