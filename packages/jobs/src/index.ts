export { ALL_QUEUES, JOB_QUEUE, PIPELINE_JOB, QUEUES } from './queues.js';
export type { ExecutiveCode, JobName, JobPayloads, QueueName, RunPipelinePayload } from './queues.js';
export { bullPrefix, createBullConnection, createQueue, DEFAULT_JOB_OPTIONS, enqueue } from './connection.js';
