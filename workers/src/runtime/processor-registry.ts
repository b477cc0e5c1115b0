import type { Logger } from '@opshub/config';
import type { Db, Tx } from '@opshub/db';
import type { OutboxStore } from '@opshub/events';
import { JOB_QUEUE, type JobName, type JobPayloads, type QueueName } from '@opshub/jobs';
import type { OpsServices } from '@opshub/ops';
import { UnrecoverableError, type Job, type Queue } from 'bullmq';
import type { JobSchedule } from './schedulers.js';

/**
 * Runs one job. Return what was done (kept as the job's return value); throw to retry with backoff;
 * throw `UnrecoverableError` for input that no retry can fix.
 */
export type Processor<J extends JobName> = (job: Job<JobPayloads[J], unknown, J>) => Promise<unknown>;

/** What a domain's processors may use. Processors call domain services; they never write tables. */
export interface WorkerDeps {
  db: Db;
  /** Every domain's outbox table (`OUTBOX_TABLES`), for the one relay. */
  outboxTables: readonly OutboxStore<Tx>[];
  ops: OpsServices;
  log: Logger;
  redisUrl: string;
  redisPrefix: string;
  /** A producer for a queue, to enqueue follow-up jobs (see `enqueue` in @opshub/jobs). */
  queue(name: QueueName): Queue;
  /** Registers a close for what the module opened (its own connections), run when the workers stop. */
  onStop(close: () => Promise<unknown>): void;
  /** Adds a job scheduler for this run, upserted with SCHEDULES (e.g. one per device found in the database). */
  schedule(spec: JobSchedule): void;
}

/** A domain's contribution to the workers: `registry.register(...)` for each job it processes. */
export type WorkerModule = (registry: ProcessorRegistry, deps: WorkerDeps) => void | Promise<void>;

type AnyProcessor = (job: Job) => Promise<unknown>;

/**
 * A queue this process serves has a declared job with no processor: its jobs would be taken and
 * failed. Thrown at start, before any worker takes a job (immich's "no missing handlers" check).
 */
export class MissingProcessorError extends Error {
  constructor(readonly missing: readonly { job: JobName; queue: QueueName }[]) {
    super(
      `No processor registered for ${missing.map((m) => `job "${m.job}" (queue ${m.queue})`).join(', ')}: ` +
        'every job declared for a queue this process serves needs one (packages/jobs JOB_QUEUE)',
    );
    this.name = 'MissingProcessorError';
  }
}

/** Job name → processor. The pool runs one BullMQ worker per queue that has at least one processor. */
export class ProcessorRegistry {
  private readonly processors = new Map<string, AnyProcessor>();

  register<J extends JobName>(name: J, processor: Processor<J>): this {
    if (this.processors.has(name)) throw new Error(`A processor for job "${name}" is already registered`);
    this.processors.set(name, processor as unknown as AnyProcessor);
    return this;
  }

  has(name: string): boolean {
    return this.processors.has(name);
  }

  jobNames(): JobName[] {
    return [...this.processors.keys()] as JobName[];
  }

  /** The queues that have processors, each once. */
  queues(): QueueName[] {
    return [...new Set(this.jobNames().map((name) => JOB_QUEUE[name]))];
  }

  /** Jobs declared for a queue this registry serves that have no processor here. */
  missing(): { job: JobName; queue: QueueName }[] {
    const served = new Set(this.queues());
    return (Object.keys(JOB_QUEUE) as JobName[])
      .filter((job) => served.has(JOB_QUEUE[job]) && !this.processors.has(job))
      .map((job) => ({ job, queue: JOB_QUEUE[job] }));
  }

  /** The BullMQ processor function: dispatches on the job name. */
  readonly process = async (job: Job): Promise<unknown> => {
    const processor = this.processors.get(job.name);
    if (!processor) {
      throw new UnrecoverableError(
        `No processor for job "${job.name}" on queue ${job.queueName}; this worker runs: ${this.jobNames().join(', ') || 'none'}`,
      );
    }
    const expected = JOB_QUEUE[job.name as JobName];
    if (expected !== job.queueName) {
      throw new UnrecoverableError(`Job "${job.name}" belongs on queue ${expected}, not ${job.queueName}`);
    }
    return processor(job);
  };
}
