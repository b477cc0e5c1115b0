import { type DefaultJobOptions, Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { JOB_QUEUE, type JobName, type JobPayloads, type QueueName } from './queues.js';

/** BullMQ needs `maxRetriesPerRequest: null` on the connections its workers block on. */
export function createBullConnection(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, lazyConnect: false });
}

/** The BullMQ key prefix under the process's Redis prefix, so tests and hubs never share keys. */
export function bullPrefix(redisPrefix: string): string {
  return `${redisPrefix}:bull`;
}

/** Retries with exponential backoff; finished jobs kept for the dashboards, bounded. */
export const DEFAULT_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 24 * 3600, count: 5000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 5000 },
};

export function createQueue(name: QueueName, connection: Redis, redisPrefix: string): Queue {
  return new Queue(name, {
    connection,
    prefix: bullPrefix(redisPrefix),
    defaultJobOptions: DEFAULT_JOB_OPTIONS,
  });
}

/** Typed enqueue: the job name decides the queue and the payload type. */
export async function enqueue<J extends JobName>(
  queues: (name: QueueName) => Queue,
  job: J,
  payload: JobPayloads[J],
  options: { jobId?: string; delay?: number } = {},
): Promise<string | undefined> {
  const added = await queues(JOB_QUEUE[job]).add(job, payload, options);
  return added.id;
}
