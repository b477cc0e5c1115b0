import type { Logger } from '@opshub/config';
import { bullPrefix, JOB_QUEUE, requestIdOf, type QueueName } from '@opshub/jobs';
import type { FailedJobReport } from '@opshub/ops';
import { MetricsTime, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { MissingProcessorError, type ProcessorRegistry } from './processor-registry.js';

export const DEFAULT_CONCURRENCY = 4;

export interface WorkerPoolOptions {
  registry: ProcessorRegistry;
  /** Shared connection for regular commands; BullMQ duplicates it for each worker's blocking reads. */
  connection: Redis;
  redisPrefix: string;
  log: Logger;
  /** Jobs run at once per queue; queues not listed get DEFAULT_CONCURRENCY. */
  concurrency?: Partial<Record<QueueName, number>>;
  /** Where a job out of retries is recorded (ops' failed-job service). */
  recordFailure: (report: FailedJobReport) => Promise<unknown>;
  /** Stall detection (see StallSettings); BullMQ's defaults (30 s, 30 s) when absent. */
  stall?: StallSettings;
  /** What runs each job (default `registry.process`): the runtime's instrumented wrapper (metrics-jobs.ts). */
  processJob?: (job: Job) => Promise<unknown>;
}

/**
 * How soon a job whose worker died (kill -9, lost host) runs again elsewhere: its lock expires
 * `lockDurationMs` after the last renewal and a live worker's checker, every `stalledIntervalMs`,
 * moves it back to waiting. Shorter means faster recovery but more Redis traffic and a risk of
 * false stalls on a blocked event loop.
 */
export interface StallSettings {
  lockDurationMs: number;
  stalledIntervalMs: number;
}

export interface PoolStopResult {
  /** True when active jobs were still running at the deadline and were abandoned to the stall checker. */
  timedOut: boolean;
}

/** One BullMQ Worker per queue that has processors. */
export class WorkerPool {
  private readonly workers: Worker[] = [];
  private readonly recording = new Set<Promise<void>>();

  constructor(private readonly options: WorkerPoolOptions) {}

  /** Starts the workers; refuses (MissingProcessorError) when a served queue lacks a job's processor. */
  async start(): Promise<void> {
    const { registry, connection, redisPrefix, log } = this.options;
    const missing = registry.missing();
    if (missing.length > 0) throw new MissingProcessorError(missing);
    for (const queue of registry.queues()) {
      const concurrency = this.options.concurrency?.[queue] ?? DEFAULT_CONCURRENCY;
      const worker = new Worker(queue, this.options.processJob ?? registry.process, {
        connection,
        prefix: bullPrefix(redisPrefix),
        concurrency,
        ...(this.options.stall
          ? {
              lockDuration: this.options.stall.lockDurationMs,
              stalledInterval: this.options.stall.stalledIntervalMs,
            }
          : {}),
        // Per-minute completion counts: ops' `throughputPerMinute` reads them.
        metrics: { maxDataPoints: MetricsTime.ONE_WEEK },
      });
      worker.on('error', (err) => log.error({ err, queue }, 'worker error'));
      worker.on('failed', (job, err) => {
        if (job) this.onFailed(queue, job, err);
      });
      this.workers.push(worker);
      await worker.waitUntilReady();
      log.info(
        { queue, concurrency, jobs: registry.jobNames().filter((n) => JOB_QUEUE[n] === queue) },
        'worker started',
      );
    }
  }

  /** BullMQ sets `finishedOn` only when the job moved to failed for good (no retry left, or unrecoverable). */
  private onFailed(queue: string, job: Job, err: Error): void {
    const { log } = this.options;
    const final = job.finishedOn !== undefined;
    const fields = {
      queue,
      jobId: job.id,
      name: job.name,
      attemptsMade: job.attemptsMade,
      reason: err.message,
      ...(requestIdOf(job) ? { rid: requestIdOf(job) } : {}),
    };
    if (!final) {
      log.warn(fields, 'job attempt failed; will retry');
      return;
    }
    log.error({ ...fields, err }, 'job failed after its last attempt');
    const recording = this.options
      .recordFailure({
        queue,
        jobId: job.id ?? '',
        name: job.name,
        data: job.data,
        reason: err.message,
        stack: err.stack ?? null,
        attemptsMade: job.attemptsMade,
      })
      .then(
        () => undefined,
        (recordErr: unknown) =>
          log.error({ err: recordErr, queue, jobId: job.id }, 'could not record the failed job'),
      );
    this.recording.add(recording);
    void recording.finally(() => this.recording.delete(recording));
  }

  /**
   * Stops taking jobs, waits for active ones up to `timeoutMs`, then closes. Jobs still running at the
   * deadline keep their lock until it expires; the stall checker of a later worker then retries them.
   */
  async stop(timeoutMs: number): Promise<PoolStopResult> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    const drained = Promise.all(this.workers.map((w) => w.pause())).then(() => 'drained' as const);
    const outcome = await Promise.race([drained, deadline]);
    clearTimeout(timer);
    const timedOut = outcome === 'timeout';
    if (timedOut) {
      drained.catch(() => undefined);
      this.options.log.warn({ timeoutMs }, 'active jobs did not finish in time; closing anyway');
    }
    await Promise.all(this.workers.map((w) => w.close(timedOut)));
    await Promise.all(this.recording);
    this.workers.length = 0;
    return { timedOut };
  }
}
