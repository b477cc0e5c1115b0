import { createProducer } from '@opshub/jobs';
import { bullWorkflowJobs, type WorkflowJobs } from './workflow-jobs.js';

/**
 * A BullMQ producer for the subgraph's follow-up jobs on a fail-fast connection: with Redis down an
 * enqueue fails with SERVICE_UNAVAILABLE within `enqueueTimeoutMs` instead of hanging the request.
 */
export function queueProducer(
  redisUrl: string,
  redisPrefix: string,
  options: { enqueueTimeoutMs?: number } = {},
): { jobs: WorkflowJobs; close(): Promise<void> } {
  const producer = createProducer(redisUrl, redisPrefix, options);
  const jobs = bullWorkflowJobs(
    producer.queue,
    options.enqueueTimeoutMs ? { timeoutMs: options.enqueueTimeoutMs } : {},
  );
  return { jobs, close: () => producer.close() };
}
