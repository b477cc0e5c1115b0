import { ServiceUnavailableError } from '@opshub/errors';
import { type DefaultJobOptions, Queue } from 'bullmq';
import { Redis, ReplyError } from 'ioredis';
import { JOB_QUEUE, type JobName, type JobPayloads, type QueueName } from './queues.js';
import { withCurrentRequestId } from './request-id.js';

/**
 * BullMQ needs `maxRetriesPerRequest: null` on the connections its workers block on. Only workers
 * (and QueueEvents readers) should use this one: a command sent on it while Redis is down waits
 * for Redis to come back, however long that takes. Producers use `createProducerConnection`.
 */
export function createBullConnection(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, lazyConnect: false });
}

/** How long an enqueue may take before it fails with SERVICE_UNAVAILABLE (ms). */
export const DEFAULT_ENQUEUE_TIMEOUT_MS = 2_000;

/**
 * A connection for producers (a request that enqueues, an admin reading queues): with Redis down a
 * command fails at once (no offline queue) or after one retry, never hangs. ioredis keeps
 * reconnecting in the background, so the next command after Redis is back succeeds.
 */
export function createProducerConnection(url: string, options: { commandTimeoutMs?: number } = {}): Redis {
  const connection = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    commandTimeout: options.commandTimeoutMs ?? DEFAULT_ENQUEUE_TIMEOUT_MS,
    enableReadyCheck: true,
    lazyConnect: false,
    retryStrategy: (times) => Math.min(times * 100, 1_000),
  });
  // Errors surface through the commands; an unhandled 'error' event would crash the process.
  connection.on('error', () => undefined);
  return connection;
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

/**
 * A queue whose jobs carry the current request id (`runWithRequestId`) in their options, so the
 * worker that runs one logs under the id of the request that caused it.
 */
class TracedQueue extends Queue {
  override add(...[name, data, opts]: Parameters<Queue['add']>): ReturnType<Queue['add']> {
    return super.add(name, data, withCurrentRequestId(opts));
  }

  override addBulk(jobs: Parameters<Queue['addBulk']>[0]): ReturnType<Queue['addBulk']> {
    return super.addBulk(jobs.map((job) => ({ ...job, opts: withCurrentRequestId(job.opts) })));
  }
}

export function createQueue(name: QueueName, connection: Redis, redisPrefix: string): Queue {
  const queue = new TracedQueue(name, {
    connection,
    prefix: bullPrefix(redisPrefix),
    defaultJobOptions: DEFAULT_JOB_OPTIONS,
  });
  // A Queue re-emits its connection's errors; without a listener that is an uncaught exception.
  queue.on('error', () => undefined);
  return queue;
}

export interface EnqueueOptions {
  jobId?: string;
  delay?: number;
  /** Fails with SERVICE_UNAVAILABLE when Redis has not taken the job within this (default 2 s). */
  timeoutMs?: number;
}

/**
 * Runs one Redis call of a producer with a deadline: connection failures and the deadline become
 * ServiceUnavailableError (SERVICE_UNAVAILABLE); Redis' own error replies are thrown as they are.
 * On a timeout the call may still complete later, so producers use idempotent job ids.
 */
export async function withRedisDeadline<T>(
  what: string,
  call: () => Promise<T>,
  timeoutMs: number,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([call(), deadline]);
  } catch (error) {
    if (error instanceof ReplyError) throw error;
    throw new ServiceUnavailableError('Redis', `the job queue is unavailable (${what}); try again shortly`);
  } finally {
    clearTimeout(timer);
  }
}

/** Typed enqueue: the job name decides the queue and the payload type. Fails fast with SERVICE_UNAVAILABLE. */
export async function enqueue<J extends JobName>(
  queues: (name: QueueName) => Queue,
  job: J,
  payload: JobPayloads[J],
  options: EnqueueOptions = {},
): Promise<string | undefined> {
  const { timeoutMs = DEFAULT_ENQUEUE_TIMEOUT_MS, ...jobOptions } = options;
  const added = await withRedisDeadline(
    `enqueue ${job}`,
    () => queues(JOB_QUEUE[job]).add(job, payload, jobOptions),
    timeoutMs,
  );
  return added.id;
}

/** A producer: one fail-fast connection and one Queue per queue used, created on demand. */
export interface Producer {
  queue(name: QueueName): Queue;
  enqueue<J extends JobName>(
    job: J,
    payload: JobPayloads[J],
    options?: EnqueueOptions,
  ): Promise<string | undefined>;
  close(): Promise<void>;
}

export function createProducer(
  redisUrl: string,
  redisPrefix: string,
  options: { enqueueTimeoutMs?: number } = {},
): Producer {
  const timeoutMs = options.enqueueTimeoutMs ?? DEFAULT_ENQUEUE_TIMEOUT_MS;
  const connection = createProducerConnection(redisUrl, { commandTimeoutMs: timeoutMs });
  const queues = new Map<QueueName, Queue>();
  const queue = (name: QueueName): Queue => {
    let q = queues.get(name);
    if (!q) queues.set(name, (q = createQueue(name, connection, redisPrefix)));
    return q;
  };
  return {
    queue,
    enqueue: (job, payload, opts = {}) => enqueue(queue, job, payload, { timeoutMs, ...opts }),
    close: async () => {
      await Promise.all([...queues.values()].map((q) => q.close().catch(() => undefined)));
      queues.clear();
      await connection.quit().catch(() => connection.disconnect());
    },
  };
}
