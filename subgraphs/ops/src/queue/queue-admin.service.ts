import type { Principal } from '@opshub/auth';
import { BadUserInputError, ConflictError, InvalidTransitionError, NotFoundError } from '@opshub/errors';
import type { QueueName } from '@opshub/jobs';
import type { AuditService } from '../audit/audit.service.js';
import { JobState, type Job } from './job.type.js';
import type { CleanableState, QueueRepository } from './queue.repository.js';

export interface Caller {
  user?: Principal | undefined;
  requestId?: string | undefined;
}

/** The job states `cleanQueue` accepts, as BullMQ names them. Active jobs are held by workers. */
const CLEANABLE: Partial<Record<JobState, CleanableState>> = {
  [JobState.COMPLETED]: 'completed',
  [JobState.FAILED]: 'failed',
  [JobState.DELAYED]: 'delayed',
  [JobState.WAITING]: 'wait',
  [JobState.PRIORITIZED]: 'prioritized',
};

/** Ten years: anything longer is a typo, not an age. */
const MAX_CLEAN_AGE_SECONDS = 10 * 365 * 24 * 3600;

/** The audit entity of a queue, and of one of its jobs. */
export const queueEntity = (queue: string): string => `queue:${queue}`;
export const jobEntity = (queue: string, id: string): string => `queue:${queue}/job:${id}`;

/**
 * The admin commands on BullMQ queues (ADMIN in the schema). Each refuses what cannot be done with a
 * coded error (unknown queue or job, a job in the wrong state) and writes one audit entry once done:
 * kind `queue.<command>`, entity `queue:<name>` or `queue:<name>/job:<id>`.
 */
export class QueueAdminService {
  constructor(
    private readonly repository: QueueRepository,
    private readonly audit: AuditService,
    /** The queue of that name, or BAD_USER_INPUT naming the known ones. */
    private readonly known: (name: string, argument?: string) => QueueName,
  ) {}

  private async existing(queue: string, id: string): Promise<{ name: QueueName; job: Job }> {
    const name = this.known(queue);
    const job = await this.repository.job(name, id);
    if (!job) throw new NotFoundError('Job', `${queue}/${id}`);
    return { name, job };
  }

  /** Runs a failed or completed job again, with its attempts reset. */
  async retryJob(queue: string, id: string, caller: Caller): Promise<Job> {
    const { name, job } = await this.existing(queue, id);
    if (!(await this.repository.retry(name, id))) {
      throw new InvalidTransitionError(
        `Job ${queue}/${id} is ${job.state}; only failed or completed jobs can be retried`,
        { state: job.state },
      );
    }
    await this.record(caller, 'queue.retry', jobEntity(name, id), {
      name: job.name,
      from: job.state,
      failedReason: job.failedReason,
    });
    return (await this.repository.job(name, id)) ?? job;
  }

  async removeJob(queue: string, id: string, caller: Caller): Promise<boolean> {
    const { name, job } = await this.existing(queue, id);
    if (!(await this.repository.remove(name, id))) {
      throw new ConflictError(
        `Job ${queue}/${id} is being processed by a worker; remove it once it finishes`,
        {
          state: job.state,
        },
      );
    }
    await this.record(caller, 'queue.remove', jobEntity(name, id), { name: job.name, state: job.state });
    return true;
  }

  /** Runs a delayed job now instead of at its time. */
  async promoteJob(queue: string, id: string, caller: Caller): Promise<Job> {
    const { name, job } = await this.existing(queue, id);
    if (!(await this.repository.promote(name, id))) {
      throw new InvalidTransitionError(
        `Job ${queue}/${id} is ${job.state}; only delayed jobs can be promoted`,
        {
          state: job.state,
        },
      );
    }
    await this.record(caller, 'queue.promote', jobEntity(name, id), {
      name: job.name,
      runAt: job.runAt?.toISOString() ?? null,
    });
    return (await this.repository.job(name, id)) ?? job;
  }

  /** Puts every failed job of the queue back to wait; returns how many. */
  async retryAllFailed(queue: string, caller: Caller): Promise<number> {
    const name = this.known(queue);
    const retried = await this.repository.retryAllFailed(name);
    await this.record(caller, 'queue.retry-all-failed', queueEntity(name), { retried });
    return retried;
  }

  /** Removes the queue's jobs of `state` older than `olderThanSeconds`; returns how many. */
  async clean(queue: string, state: JobState, olderThanSeconds: number, caller: Caller): Promise<number> {
    const name = this.known(queue);
    const bullState = CLEANABLE[state];
    if (!bullState) {
      throw new BadUserInputError(
        `Jobs in state ${state} cannot be cleaned; choose one of ${Object.keys(CLEANABLE).join(', ')}`,
        { argument: 'state', states: Object.keys(CLEANABLE) },
      );
    }
    if (
      !Number.isInteger(olderThanSeconds) ||
      olderThanSeconds < 0 ||
      olderThanSeconds > MAX_CLEAN_AGE_SECONDS
    ) {
      throw new BadUserInputError(`olderThanSeconds must be between 0 and ${MAX_CLEAN_AGE_SECONDS}`, {
        argument: 'olderThanSeconds',
      });
    }
    const removed = await this.repository.clean(name, bullState, olderThanSeconds * 1000);
    await this.record(caller, 'queue.clean', queueEntity(name), {
      state,
      olderThanSeconds,
      removed: removed.length,
    });
    return removed.length;
  }

  async pause(queue: string, caller: Caller): Promise<QueueName> {
    const name = this.known(queue, 'name');
    await this.repository.pause(name);
    await this.record(caller, 'queue.pause', queueEntity(name), {});
    return name;
  }

  async resume(queue: string, caller: Caller): Promise<QueueName> {
    const name = this.known(queue, 'name');
    await this.repository.resume(name);
    await this.record(caller, 'queue.resume', queueEntity(name), {});
    return name;
  }

  private record(
    caller: Caller,
    kind: string,
    target: string,
    detail: Record<string, string | number | null>,
  ): Promise<void> {
    return this.audit.record({
      actorId: caller.user?.id ?? null,
      kind,
      target,
      detail,
      ...(caller.requestId ? { requestId: caller.requestId } : {}),
    });
  }
}
