import type { JobEvent } from './job-event.type.js';
import { JobEventKind } from './job-event.type.js';
import type { Job } from './job.type.js';
import { JobState } from './job.type.js';
import {
  bullPrefix,
  createBullConnection,
  createProducerConnection,
  createQueue,
  type QueueName,
} from '@opshub/jobs';
import { QueueEvents, type Job as BullJob, type Metrics, type Queue as BullQueue } from 'bullmq';
import type { Redis } from 'ioredis';

export interface QueueCountsRow {
  waiting: number;
  active: number;
  completed: number;
  failed: number;
  delayed: number;
  prioritized: number;
  waitingChildren: number;
}

export type JobEventListener = (event: JobEvent) => void;

const STATES: Record<string, JobState> = {
  waiting: JobState.WAITING,
  active: JobState.ACTIVE,
  completed: JobState.COMPLETED,
  failed: JobState.FAILED,
  delayed: JobState.DELAYED,
  prioritized: JobState.PRIORITIZED,
  'waiting-children': JobState.WAITING_CHILDREN,
};

/** BullMQ's event stream names → ours; events not listed (drained, paused, cleaned…) are not job events. */
const EVENTS: Record<string, JobEventKind> = {
  added: JobEventKind.ADDED,
  waiting: JobEventKind.WAITING,
  active: JobEventKind.ACTIVE,
  progress: JobEventKind.PROGRESS,
  completed: JobEventKind.COMPLETED,
  failed: JobEventKind.FAILED,
  delayed: JobEventKind.DELAYED,
  'retries-exhausted': JobEventKind.RETRIES_EXHAUSTED,
  stalled: JobEventKind.STALLED,
  removed: JobEventKind.REMOVED,
};

type EventArgs = {
  jobId?: string;
  prev?: string;
  data?: unknown;
  failedReason?: string;
  returnvalue?: unknown;
};

function toJobEvent(queue: string, bullEvent: string, args: EventArgs, streamId: string): JobEvent | null {
  let kind = EVENTS[bullEvent];
  if (!kind || !args.jobId) return null;
  // A job put back to wait straight from `active` is an immediate retry of a failed attempt.
  if (kind === JobEventKind.WAITING && args.prev === 'active') kind = JobEventKind.RETRYING;
  return {
    queue,
    id: args.jobId,
    event: kind,
    progress: kind === JobEventKind.PROGRESS ? args.data : null,
    failedReason: args.failedReason ?? null,
    returnValue: kind === JobEventKind.COMPLETED ? (args.returnvalue ?? null) : null,
    // Stream ids start with the Redis server's time in ms.
    at: new Date(Number(streamId.split('-')[0])),
  };
}

/**
 * Completed jobs in the last `minutes` from BullMQ's per-minute metrics. The list holds one count per
 * closed minute before the minute of the last completion (newest first); that minute's count so far is
 * `count - prevCount`. Minutes after it had no completions, or a completion would have moved it on.
 */
export function completedFromMetrics(metrics: Metrics, now: number, minutes: number): number {
  const nowMinute = Math.floor(now / 60_000);
  const firstMinute = nowMinute - minutes + 1;
  const lastMinute = Math.floor(metrics.meta.prevTS / 60_000);
  let total =
    lastMinute >= firstMinute && lastMinute <= nowMinute ? metrics.meta.count - metrics.meta.prevCount : 0;
  for (let i = 0; i < metrics.data.length; i++) {
    const minute = lastMinute - 1 - i;
    if (minute < firstMinute) break;
    if (minute <= nowMinute) total += metrics.data[i] ?? 0;
  }
  return total;
}

async function snapshot(queue: string, job: BullJob): Promise<Job> {
  const state = await job.getState();
  return {
    id: job.id ?? '',
    queue,
    name: job.name,
    state: STATES[state] ?? JobState.UNKNOWN,
    progress: job.progress,
    attemptsMade: job.attemptsMade,
    maxAttempts: job.opts.attempts ?? 1,
    failedReason: job.failedReason || null,
    stacktrace: job.stacktrace ?? [],
    data: job.data,
    createdAt: new Date(job.timestamp),
    processedAt: job.processedOn ? new Date(job.processedOn) : null,
    finishedAt: job.finishedOn ? new Date(job.finishedOn) : null,
    returnValue: job.returnvalue ?? null,
  };
}

/** JSON from a job hash field; the raw text when it is not JSON. */
function parsed(text: string | undefined): unknown {
  if (text === undefined || text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** A job from its raw hash (HGETALL) and the state found in the same pipeline. */
function fromHash(queue: string, id: string, raw: Record<string, string>, state: JobState): Job {
  const opts = parsed(raw['opts']) as { attempts?: number } | null;
  const stacktrace = parsed(raw['stacktrace']);
  const num = (v: string | undefined): number | null => (v ? Number(v) : null);
  return {
    id,
    queue,
    name: raw['name'] ?? '',
    state,
    progress: parsed(raw['progress']) ?? 0,
    attemptsMade: Number(raw['attemptsMade'] ?? raw['atm'] ?? 0),
    maxAttempts: opts?.attempts ?? 1,
    failedReason: raw['failedReason'] || null,
    stacktrace: Array.isArray(stacktrace) ? (stacktrace as string[]) : [],
    data: parsed(raw['data']) ?? {},
    createdAt: new Date(Number(raw['timestamp'] ?? 0)),
    processedAt: num(raw['processedOn']) === null ? null : new Date(num(raw['processedOn'])!),
    finishedAt: num(raw['finishedOn']) === null ? null : new Date(num(raw['finishedOn'])!),
    returnValue: parsed(raw['returnvalue']),
  };
}

/** Where BullMQ keeps a job of each state, in the order its own getState checks them. */
const STATE_SETS: [key: string, kind: 'zset' | 'list', state: JobState][] = [
  ['completed', 'zset', JobState.COMPLETED],
  ['failed', 'zset', JobState.FAILED],
  ['delayed', 'zset', JobState.DELAYED],
  ['active', 'list', JobState.ACTIVE],
  ['wait', 'list', JobState.WAITING],
  ['paused', 'list', JobState.WAITING],
  ['waiting-children', 'zset', JobState.WAITING_CHILDREN],
  ['prioritized', 'zset', JobState.PRIORITIZED],
];

interface EventsEntry {
  listeners: Set<JobEventListener>;
  opened: Promise<QueueEvents>;
}

/**
 * The only code of ops that talks to BullMQ: queues, jobs and their event streams in Redis. Reads and
 * admin commands use a fail-fast connection (an error, not a hang, while Redis is down); the event
 * readers block on a connection of their own.
 */
export class QueueGateway {
  private readonly connection: Redis;
  private blockingConnection: Redis | undefined;
  private readonly queues = new Map<QueueName, BullQueue>();
  private readonly events = new Map<QueueName, EventsEntry>();

  constructor(
    private readonly redisUrl: string,
    private readonly redisPrefix: string,
  ) {
    this.connection = createProducerConnection(redisUrl);
  }

  private get blocking(): Redis {
    this.blockingConnection ??= createBullConnection(this.redisUrl);
    return this.blockingConnection;
  }

  private queue(name: QueueName): BullQueue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = createQueue(name, this.connection, this.redisPrefix);
      this.queues.set(name, queue);
    }
    return queue;
  }

  async counts(name: QueueName): Promise<QueueCountsRow> {
    const c = await this.queue(name).getJobCounts(
      'waiting',
      'active',
      'completed',
      'failed',
      'delayed',
      'prioritized',
      'waiting-children',
    );
    return {
      waiting: c['waiting'] ?? 0,
      active: c['active'] ?? 0,
      completed: c['completed'] ?? 0,
      failed: c['failed'] ?? 0,
      delayed: c['delayed'] ?? 0,
      prioritized: c['prioritized'] ?? 0,
      waitingChildren: c['waiting-children'] ?? 0,
    };
  }

  isPaused(name: QueueName): Promise<boolean> {
    return this.queue(name).isPaused();
  }

  /** Jobs completed in the last `minutes`: from metrics when the workers record them, else by finishedOn. */
  async completedInLast(name: QueueName, minutes: number, now = Date.now()): Promise<number> {
    const queue = this.queue(name);
    const metrics = await queue.getMetrics('completed', 0, minutes);
    if (metrics.meta.prevTS > 0) return completedFromMetrics(metrics, now, minutes);
    // The completed set is scored by finish time: one ZCOUNT (O(log n)), however many jobs it holds.
    const completedKey = queue.keys['completed'];
    if (!completedKey) throw new Error(`BullMQ has no completed key for queue ${name}`);
    return this.connection.zcount(completedKey, now - minutes * 60_000, '+inf');
  }

  /**
   * Many jobs of one queue in one Redis round trip (a pipeline: each job's hash and the sets that
   * tell its state), for entity references. Jobs that do not exist are absent from the map.
   */
  async jobs(name: QueueName, ids: readonly string[]): Promise<Map<string, Job>> {
    const found = new Map<string, Job>();
    if (ids.length === 0) return found;
    const queue = this.queue(name);
    await queue.waitUntilReady();
    const pipeline = this.connection.pipeline();
    for (const id of ids) {
      pipeline.hgetall(queue.toKey(id));
      for (const [key, kind] of STATE_SETS) {
        const setKey = queue.keys[key]!;
        if (kind === 'zset') pipeline.zscore(setKey, id);
        else pipeline.lpos(setKey, id);
      }
    }
    const replies = (await pipeline.exec()) ?? [];
    const per = 1 + STATE_SETS.length;
    ids.forEach((id, i) => {
      const [hashError, hash] = replies[i * per] ?? [];
      if (hashError) throw hashError;
      const raw = hash as Record<string, string> | null;
      if (!raw || Object.keys(raw).length === 0) return;
      let state = JobState.UNKNOWN;
      for (let k = 0; k < STATE_SETS.length; k++) {
        const [error, value] = replies[i * per + 1 + k] ?? [];
        if (error) throw error;
        if (value !== null && value !== undefined) {
          state = STATE_SETS[k]![2];
          break;
        }
      }
      found.set(id, fromHash(name, id, raw, state));
    });
    return found;
  }

  async job(name: QueueName, id: string): Promise<Job | null> {
    const job = await this.queue(name).getJob(id);
    return job ? snapshot(name, job) : null;
  }

  /** Puts a finished job back to wait with its attempts reset; false when it is not finished. */
  async retry(name: QueueName, id: string): Promise<boolean> {
    const job = await this.queue(name).getJob(id);
    const state = await job?.getState();
    if (!job || (state !== 'failed' && state !== 'completed')) return false;
    await job.retry(state, { resetAttemptsMade: true, resetAttemptsStarted: true });
    return true;
  }

  /** False when a worker holds the job's lock (it is being processed). */
  async remove(name: QueueName, id: string): Promise<boolean> {
    return (await this.queue(name).remove(id)) === 1;
  }

  pause(name: QueueName): Promise<void> {
    return this.queue(name).pause();
  }

  resume(name: QueueName): Promise<void> {
    return this.queue(name).resume();
  }

  /**
   * Calls `listener` for every job event of the queue from now on. One QueueEvents reader per queue is
   * shared by all listeners and closed when the last one leaves. Resolves once reading has started from
   * the stream's current end, so no event after the call is missed.
   */
  async listen(name: QueueName, listener: JobEventListener): Promise<() => Promise<void>> {
    let entry = this.events.get(name);
    if (!entry) {
      const listeners = new Set<JobEventListener>();
      entry = { listeners, opened: this.openEvents(name, listeners) };
      this.events.set(name, entry);
      // A reader that failed to open must not stay cached for the next subscriber.
      entry.opened.catch(() => this.events.delete(name));
    }
    entry.listeners.add(listener);
    await entry.opened;
    return async () => {
      const current = this.events.get(name);
      if (!current || !current.listeners.delete(listener) || current.listeners.size > 0) return;
      this.events.delete(name);
      await (await current.opened).close();
    };
  }

  private async openEvents(name: QueueName, listeners: Set<JobEventListener>): Promise<QueueEvents> {
    const eventsKey = this.queue(name).keys['events'];
    if (!eventsKey) throw new Error(`BullMQ has no events key for queue ${name}`);
    // Start after the stream's current last entry: events between this call and the first blocking
    // read are then delivered too (the default '$' would skip them).
    const last = await this.connection.xrevrange(eventsKey, '+', '-', 'COUNT', 1);
    const events = new QueueEvents(name, {
      connection: this.blocking,
      prefix: bullPrefix(this.redisPrefix),
      lastEventId: last[0]?.[0] ?? '0',
    });
    // Connection errors are retried by ioredis; the reader resumes from its last id by itself.
    events.on('error', () => undefined);
    for (const bullEvent of Object.keys(EVENTS)) {
      events.on(bullEvent as 'added', (args: EventArgs, streamId: string) => {
        const event = toJobEvent(name, bullEvent, args, streamId);
        if (event) for (const listener of listeners) listener(event);
      });
    }
    await events.waitUntilReady();
    return events;
  }

  async close(): Promise<void> {
    const entries = [...this.events.values()];
    this.events.clear();
    await Promise.all(entries.map((e) => e.opened.then((events) => events.close()).catch(() => undefined)));
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    this.queues.clear();
    await this.connection.quit().catch(() => undefined);
    await this.blockingConnection?.quit().catch(() => undefined);
  }
}
