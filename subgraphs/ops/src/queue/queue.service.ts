import type { Principal } from '@opshub/auth';
import { BadUserInputError, ConflictError, InvalidTransitionError, NotFoundError } from '@opshub/errors';
import type { QueueName } from '@opshub/jobs';
import type { AuditService } from '../audit/audit.service.js';
import { PushIterator } from './job-event.iterator.js';
import type { JobEvent } from './job-event.type.js';
import type { Job } from './job.type.js';
import type { QueueCountsRow, QueueRepository } from './queue.repository.js';

/** A queue as the `queues` query returns it; the other fields are resolved when selected. */
export interface QueueRef {
  name: QueueName;
}

/** The key of a job reference in a batch: queue names and ids never hold a NUL. */
export function referenceKey(queue: string, id: string): string {
  return `${queue}\u0000${id}`;
}

/** Throughput is averaged over this window. */
const THROUGHPUT_MINUTES = 5;

interface Caller {
  user?: Principal | undefined;
  requestId?: string | undefined;
}

export class QueueService {
  constructor(
    private readonly repository: QueueRepository,
    private readonly audit: AuditService,
    private readonly names: readonly QueueName[],
  ) {}

  list(): QueueRef[] {
    return this.names.map((name) => ({ name }));
  }

  /** The queue of that name, or BAD_USER_INPUT naming the queues that exist. */
  get(name: string, argument = 'queue'): QueueRef {
    const known = this.names.find((n) => n === name);
    if (!known) {
      throw new BadUserInputError(`Unknown queue "${name}"; the queues are: ${this.names.join(', ')}`, {
        argument,
        knownQueues: [...this.names],
      });
    }
    return { name: known };
  }

  counts(queue: QueueRef): Promise<QueueCountsRow> {
    return this.repository.counts(queue.name);
  }

  paused(queue: QueueRef): Promise<boolean> {
    return this.repository.isPaused(queue.name);
  }

  async throughputPerMinute(queue: QueueRef): Promise<number> {
    return (await this.repository.completedInLast(queue.name, THROUGHPUT_MINUTES)) / THROUGHPUT_MINUTES;
  }

  /** The job, or null when the queue has no job with that id. */
  job(queue: string, id: string): Promise<Job | null> {
    return this.repository.job(this.get(queue).name, id);
  }

  /** For other subgraphs' references: an unknown queue is just a job that does not exist. */
  reference(queue: string, id: string): Promise<Job | null> {
    const known = this.names.find((n) => n === queue);
    return known ? this.repository.job(known, id) : Promise.resolve(null);
  }

  /**
   * Many references at once (one Redis round trip per queue involved), keyed by `referenceKey`.
   * Unknown queues and missing jobs are absent.
   */
  async references(refs: readonly { queue: string; id: string }[]): Promise<Map<string, Job>> {
    const byQueue = new Map<QueueName, string[]>();
    for (const ref of refs) {
      const known = this.names.find((n) => n === ref.queue);
      if (!known) continue;
      const ids = byQueue.get(known) ?? [];
      ids.push(ref.id);
      byQueue.set(known, ids);
    }
    const found = new Map<string, Job>();
    await Promise.all(
      [...byQueue].map(async ([queue, ids]) => {
        for (const [id, job] of await this.repository.jobs(queue, ids))
          found.set(referenceKey(queue, id), job);
      }),
    );
    return found;
  }

  private async existing(queue: string, id: string): Promise<Job> {
    const job = await this.job(queue, id);
    if (!job) throw new NotFoundError('Job', `${queue}/${id}`);
    return job;
  }

  /** Runs a failed or completed job again, with its attempts reset. */
  async retryJob(queue: string, id: string, caller: Caller): Promise<Job> {
    const job = await this.existing(queue, id);
    if (!(await this.repository.retry(this.get(queue).name, id))) {
      throw new InvalidTransitionError(
        `Job ${queue}/${id} is ${job.state}; only failed or completed jobs can be retried`,
        {
          state: job.state,
        },
      );
    }
    await this.record(caller, 'queue.job-retry', `${queue}/${id}`, { queue, id, name: job.name });
    return (await this.job(queue, id)) ?? job;
  }

  async removeJob(queue: string, id: string, caller: Caller): Promise<boolean> {
    const job = await this.existing(queue, id);
    if (!(await this.repository.remove(this.get(queue).name, id))) {
      throw new ConflictError(
        `Job ${queue}/${id} is being processed by a worker; remove it once it finishes`,
        {
          state: job.state,
        },
      );
    }
    await this.record(caller, 'queue.job-remove', `${queue}/${id}`, {
      queue,
      id,
      name: job.name,
      state: job.state,
    });
    return true;
  }

  async pause(name: string, caller: Caller): Promise<QueueRef> {
    const queue = this.get(name, 'name');
    await this.repository.pause(queue.name);
    await this.record(caller, 'queue.pause', queue.name, {});
    return queue;
  }

  async resume(name: string, caller: Caller): Promise<QueueRef> {
    const queue = this.get(name, 'name');
    await this.repository.resume(queue.name);
    await this.record(caller, 'queue.resume', queue.name, {});
    return queue;
  }

  /** Job events of one queue (or all), optionally of one job, until the subscriber leaves. */
  async events(queue: string | undefined, id: string | undefined): Promise<AsyncIterableIterator<JobEvent>> {
    const names = queue === undefined ? this.names : [this.get(queue).name];
    const iterator = new PushIterator<JobEvent>();
    const listener = (event: JobEvent): void => {
      if (id === undefined || event.id === id) iterator.push(event);
    };
    const stops: (() => Promise<void>)[] = [];
    try {
      for (const name of names) stops.push(await this.repository.listen(name, listener));
    } catch (error) {
      await Promise.all(stops.map((stop) => stop()));
      throw error;
    }
    iterator.closeWith(async () => {
      await Promise.all(stops.map((stop) => stop()));
    });
    return iterator;
  }

  private record(
    caller: Caller,
    kind: string,
    target: string,
    detail: Record<string, string>,
  ): Promise<void> {
    return this.audit.record({
      actorId: caller.user?.id ?? null,
      kind,
      target,
      detail,
      ...(caller.requestId ? { requestId: caller.requestId } : {}),
    });
  }

  close(): Promise<void> {
    return this.repository.close();
  }
}
