export { ALL_QUEUES, JOB_QUEUE, PIPELINE_JOB, QUEUES } from './queues.js';
export type {
  ChillerAction,
  JobName,
  JobPayloads,
  QueueName,
  RetentionPayload,
  RunPipelinePayload,
} from './queues.js';
export {
  bullPrefix,
  createBullConnection,
  createProducer,
  createProducerConnection,
  createQueue,
  DEFAULT_ENQUEUE_TIMEOUT_MS,
  DEFAULT_JOB_OPTIONS,
  enqueue,
  withRedisDeadline,
} from './connection.js';
export type { EnqueueOptions, Producer } from './connection.js';
export { currentRequestId, requestIdOf, runWithRequestId, withCurrentRequestId } from './request-id.js';
export type { TracedJobsOptions } from './request-id.js';
