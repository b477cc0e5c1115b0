export { ALL_QUEUES, JOB_QUEUE, QUEUES } from './queues.js';
export type { JobName, JobPayloads, QueueName } from './queues.js';
export { bullPrefix, createBullConnection, createQueue, DEFAULT_JOB_OPTIONS, enqueue } from './connection.js';
