import { BadUserInputError } from '@opshub/errors';
import type { QueueName } from '@opshub/jobs';
import { pageArgs, toConnection, type ConnectionShape, type PageArgs } from '@opshub/subgraph-kit';
import type { AuditService } from '../audit/audit.service.js';
import { PushIterator } from './job-event.iterator.js';
import type { JobEvent } from './job-event.type.js';
import { LISTABLE_STATES, type ListedId } from './job-list.reader.js';
import type { Job, JobState } from './job.type.js';
import { QueueAdminService } from './queue-admin.service.js';
import type { QueueCountsRow, QueueRepository, SchedulerRow } from './queue.repository.js';

/** A queue as the `queues` query returns it; the other fields are resolved when selected. */
export interface QueueRef {
  name: QueueName;
}

/** The key of a job reference in a batch: queue names and ids never hold a NUL. */
export function referenceKey(queue: string, id: string): string {
  return `${queue}\u0000${id}`;
}

/** Throughput and failure rate are averaged over this window. */
const RATE_MINUTES = 5;

/** The longest activity series a client may ask for (the workers keep a week of minutes). */
export const MAX_ACTIVITY_MINUTES = 24 * 60;

export interface QueueActivityRow {
  minutes: number;
  lastMinuteAt: Date;
  completed: number[];
  failed: number[];
}

export class QueueService {
  /** Retry, remove, promote, clean, pause: each audited. */
  readonly admin: QueueAdminService;

  constructor(
    private readonly repository: QueueRepository,
    audit: AuditService,
    private readonly names: readonly QueueName[],
  ) {
    this.admin = new QueueAdminService(repository, audit, (name, argument) => this.get(name, argument).name);
  }

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
    return (await this.repository.completedInLast(queue.name, RATE_MINUTES)) / RATE_MINUTES;
  }

  /** Jobs failed for good per minute over the last 5 minutes (BullMQ counts a failure when the job moves to failed). */
  async failureRatePerMinute(queue: QueueRef): Promise<number> {
    const failed = await this.repository.perMinute(queue.name, 'failed', RATE_MINUTES);
    return failed.reduce((a, b) => a + b, 0) / RATE_MINUTES;
  }

  async activity(queue: QueueRef, minutes: number): Promise<QueueActivityRow> {
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_ACTIVITY_MINUTES) {
      throw new BadUserInputError(`minutes must be between 1 and ${MAX_ACTIVITY_MINUTES}`, {
        argument: 'minutes',
      });
    }
    const now = Date.now();
    const [completed, failed] = await Promise.all([
      this.repository.perMinute(queue.name, 'completed', minutes, now),
      this.repository.perMinute(queue.name, 'failed', minutes, now),
    ]);
    return { minutes, lastMinuteAt: new Date(Math.floor(now / 60_000) * 60_000), completed, failed };
  }

  schedulers(queue: QueueRef): Promise<SchedulerRow[]> {
    return this.repository.schedulers(queue.name);
  }

  /**
   * Jobs of one state, in the state's order (finished: newest first; delayed: soonest first; waiting:
   * last added first), optionally only those whose id is `search` or whose name contains it.
   */
  async jobs(
    queue: string,
    state: JobState,
    search: string | undefined,
    args: PageArgs,
  ): Promise<ConnectionShape<Job>> {
    const name = this.get(queue).name;
    if (!LISTABLE_STATES.includes(state)) {
      throw new BadUserInputError(`Jobs cannot be listed by state ${state}`, {
        argument: 'state',
        states: LISTABLE_STATES,
      });
    }
    const { first, after } = pageArgs(args, 200, 25);
    const cursor = after ? { position: Number(after[0]), id: String(after[1]) } : undefined;
    if (cursor && (!Number.isInteger(cursor.position) || cursor.position < 0 || after?.length !== 2)) {
      throw new BadUserInputError('Invalid cursor: pass an endCursor returned by this API', {
        argument: 'after',
      });
    }
    const needle = search?.trim();
    let ids: ListedId[];
    let total: number;
    if (needle) {
      const matches = await this.repository.searchIds(name, state, needle);
      total = matches.length;
      // After the previous page's last job where it still is, else after its old position.
      let start = 0;
      if (cursor) {
        const at = matches.findIndex((m) => m.id === cursor.id);
        start = at >= 0 ? at + 1 : matches.findIndex((m) => m.position > cursor.position);
        if (start < 0) start = matches.length;
      }
      ids = matches.slice(start, start + first + 1);
    } else {
      [ids, total] = await Promise.all([
        this.repository.listIds(name, state, first + 1, cursor),
        this.repository.countInState(name, state),
      ]);
    }
    const loaded = await this.repository.jobs(
      name,
      ids.map((i) => i.id),
    );
    // A job may finish or go between the two reads: it is left out of this page.
    const rows = ids.flatMap((i) => {
      const job = loaded.get(i.id);
      return job ? [{ ...i, job }] : [];
    });
    return toConnection(
      rows,
      first,
      total,
      (r) => r.job,
      (r) => [r.position, r.id],
    );
  }

  /** The last `count` log lines of a job (ADMIN field). */
  logs(job: Job, count: number): Promise<string[]> {
    if (!Number.isInteger(count) || count < 1 || count > 1000) {
      throw new BadUserInputError('last must be between 1 and 1000', { argument: 'last' });
    }
    return this.repository.logs(this.get(job.queue).name, job.id, count);
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

  close(): Promise<void> {
    return this.repository.close();
  }
}
