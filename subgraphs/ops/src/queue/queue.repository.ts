import { createProducerConnection, createQueue, type QueueName } from '@opshub/jobs';
import type { Queue as BullQueue } from 'bullmq';
import type { Redis } from 'ioredis';
import { JobEventsReader, type JobEventListener } from './job-events.reader.js';
import { JobListReader, type ListCursor, type ListedId } from './job-list.reader.js';
import { fromHash, runAtOf, snapshot, STATE_SETS } from './job.mapper.js';
import { JobState, type Job } from './job.type.js';
import { completedFromMetrics, seriesFromMetrics } from './queue-metrics.js';

export type { JobEventListener, ListCursor, ListedId };

/** A job scheduler of a queue, as BullMQ keeps it. */
export interface SchedulerRow {
  key: string;
  name: string;
  pattern: string | null;
  everyMs: number | null;
  nextRun: Date | null;
  iterationCount: number;
}

/** The job states `clean` can empty (BullMQ's names); active jobs are held by workers. */
export type CleanableState = 'completed' | 'failed' | 'delayed' | 'wait' | 'prioritized';

/** Jobs are cleaned this many at a time, so no single Redis script blocks for long. */
const CLEAN_BATCH = 1_000;
/** Failed jobs retried at once by `retryAllFailed`. */
const RETRY_BATCH = 200;

export interface QueueCountsRow {
  waiting: number;
  active: number;
  completed: number;
  failed: number;
  delayed: number;
  prioritized: number;
  waitingChildren: number;
}

/**
 * The repository of ops' BullMQ data: queues, jobs and (through JobEventsReader) their event streams
 * in Redis; the only code of ops that talks to BullMQ. Reads and admin commands use a fail-fast
 * connection (an error, not a hang, while Redis is down); the event readers block on one of their own.
 */
export class QueueRepository {
  private readonly connection: Redis;
  private readonly queues = new Map<QueueName, BullQueue>();
  private readonly events: JobEventsReader;
  private readonly lists: JobListReader;

  constructor(
    redisUrl: string,
    private readonly redisPrefix: string,
  ) {
    this.connection = createProducerConnection(redisUrl);
    this.events = new JobEventsReader(redisUrl, redisPrefix, this.connection, (name) => this.queue(name));
    this.lists = new JobListReader(this.connection);
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

  /** Completions or failures per minute over the last `minutes`, oldest first (the workers record them). */
  async perMinute(
    name: QueueName,
    type: 'completed' | 'failed',
    minutes: number,
    now = Date.now(),
  ): Promise<number[]> {
    const metrics = await this.queue(name).getMetrics(type, 0, minutes - 1);
    return seriesFromMetrics(metrics, now, minutes);
  }

  async schedulers(name: QueueName): Promise<SchedulerRow[]> {
    const found = await this.queue(name).getJobSchedulers(0, -1, true);
    return found.map((s) => ({
      key: s.key,
      name: s.name,
      pattern: s.pattern ?? null,
      everyMs: s.every ? Number(s.every) : null,
      nextRun: s.next ? new Date(Number(s.next)) : null,
      iterationCount: Number(s.iterationCount ?? 0),
    }));
  }

  countInState(name: QueueName, state: JobState): Promise<number> {
    return this.lists.count(this.queue(name), state);
  }

  /** A page of job ids of one state (see JobListReader). */
  async listIds(name: QueueName, state: JobState, take: number, after?: ListCursor): Promise<ListedId[]> {
    const queue = this.queue(name);
    await queue.waitUntilReady();
    return this.lists.page(queue, state, take, after);
  }

  /** Ids of one state matching a search by id or name (see JobListReader). */
  async searchIds(name: QueueName, state: JobState, search: string): Promise<ListedId[]> {
    const queue = this.queue(name);
    await queue.waitUntilReady();
    return this.lists.search(queue, state, search);
  }

  /** The last `count` log lines the processor wrote for the job, oldest first. */
  async logs(name: QueueName, id: string, count: number): Promise<string[]> {
    return (await this.queue(name).getJobLogs(id, -count, -1, true)).logs;
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
      let score: unknown = null;
      for (let k = 0; k < STATE_SETS.length; k++) {
        const [error, value] = replies[i * per + 1 + k] ?? [];
        if (error) throw error;
        if (value !== null && value !== undefined) {
          state = STATE_SETS[k]![2];
          score = value;
          break;
        }
      }
      const job = fromHash(name, id, raw, state);
      if (state === JobState.DELAYED) job.runAt = runAtOf(score as string);
      found.set(id, job);
    });
    return found;
  }

  async job(name: QueueName, id: string): Promise<Job | null> {
    const queue = this.queue(name);
    const job = await queue.getJob(id);
    if (!job) return null;
    const found = await snapshot(name, job);
    if (found.state === JobState.DELAYED) {
      found.runAt = runAtOf(await this.connection.zscore(queue.keys['delayed']!, id));
    }
    return found;
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

  /** Runs a delayed job now; false when it is not delayed (any more). */
  async promote(name: QueueName, id: string): Promise<boolean> {
    const job = await this.queue(name).getJob(id);
    if (!job || (await job.getState()) !== 'delayed') return false;
    await job.promote();
    return true;
  }

  /**
   * Puts every failed job back to wait with its attempts reset, as `retry` does one (BullMQ's bulk
   * `retryJobs` keeps the attempts made, so a retried job would fail for good at its first error).
   * At most the jobs failed when it started, in batches; returns how many were put back.
   */
  async retryAllFailed(name: QueueName): Promise<number> {
    const queue = this.queue(name);
    const before = await queue.getFailedCount();
    let retried = 0;
    while (retried < before) {
      const batch = await queue.getJobs(['failed'], 0, Math.min(RETRY_BATCH, before - retried) - 1, true);
      if (batch.length === 0) break;
      const done = await Promise.all(
        batch.map((job) =>
          job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true }).then(
            () => 1,
            // Removed or retried by someone else meanwhile: not ours to count. Still failed (Redis
            // went away, say): an error, not a quiet "0 retried".
            async (error: unknown) => {
              if ((await job.getState()) === 'failed') throw error;
              return 0;
            },
          ),
        ),
      );
      const count = done.reduce<number>((a, b) => a + b, 0);
      if (count === 0) break;
      retried += count;
    }
    return retried;
  }

  /** Removes the jobs of `state` older than `graceMs` (by finish time, or creation time while not finished); returns their ids. */
  async clean(name: QueueName, state: CleanableState, graceMs: number): Promise<string[]> {
    const queue = this.queue(name);
    const removed: string[] = [];
    for (;;) {
      const batch = await queue.clean(graceMs, CLEAN_BATCH, state);
      removed.push(...batch);
      if (batch.length < CLEAN_BATCH) return removed;
    }
  }

  pause(name: QueueName): Promise<void> {
    return this.queue(name).pause();
  }

  resume(name: QueueName): Promise<void> {
    return this.queue(name).resume();
  }

  /** Calls `listener` for every job event of the queue from now on (see JobEventsReader). */
  listen(name: QueueName, listener: JobEventListener): Promise<() => Promise<void>> {
    return this.events.listen(name, listener);
  }

  async close(): Promise<void> {
    await this.events.close();
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    this.queues.clear();
    await this.connection.quit().catch(() => undefined);
  }
}
