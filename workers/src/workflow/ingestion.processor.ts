import type { WorkflowServices } from '@opshub/workflow';
import { UnrecoverableError } from 'bullmq';
import type { Processor } from '../runtime/processor-registry.js';

/**
 * The product ingestor. A refused product has already moved the OUS to ProcessingProblem with the
 * reason; the job then fails for good with the same reason so the queue shows it too.
 */
export function ingestProductsProcessor(
  workflow: Pick<WorkflowServices, 'ingestion'>,
): Processor<'ingest-products'> {
  return async (job) => {
    const outcome = await workflow.ingestion.ingest(job.data.ousId);
    if ('refused' in outcome) throw new UnrecoverableError(outcome.refused);
    return outcome;
  };
}
