import type { Job as BullJob } from 'bullmq';
import { JobState, type Job } from './job.type.js';

const STATES: Record<string, JobState> = {
  waiting: JobState.WAITING,
  active: JobState.ACTIVE,
  completed: JobState.COMPLETED,
  failed: JobState.FAILED,
  delayed: JobState.DELAYED,
  prioritized: JobState.PRIORITIZED,
  'waiting-children': JobState.WAITING_CHILDREN,
};

/** A job as BullMQ loaded it. */
export async function snapshot(queue: string, job: BullJob): Promise<Job> {
  const state = await job.getState();
  return {
    id: job.id ?? '',
    queue,
    name: job.name,
    state: STATES[state] ?? JobState.UNKNOWN,
    progress: job.progress,
    attemptsMade: job.attemptsMade,
    // BullMQ stores attempts: 0 for a job added without it; it runs once.
    maxAttempts: Math.max(1, job.opts.attempts ?? 1),
    runAt: null,
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
export function fromHash(queue: string, id: string, raw: Record<string, string>, state: JobState): Job {
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
    maxAttempts: Math.max(1, opts?.attempts ?? 1),
    runAt: null,
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
export const STATE_SETS: [key: string, kind: 'zset' | 'list', state: JobState][] = [
  ['completed', 'zset', JobState.COMPLETED],
  ['failed', 'zset', JobState.FAILED],
  ['delayed', 'zset', JobState.DELAYED],
  ['active', 'list', JobState.ACTIVE],
  ['wait', 'list', JobState.WAITING],
  ['paused', 'list', JobState.WAITING],
  ['waiting-children', 'zset', JobState.WAITING_CHILDREN],
  ['prioritized', 'zset', JobState.PRIORITIZED],
];

/** When a delayed job runs, from its score in the delayed set (time in ms × 0x1000 + a counter). */
export function runAtOf(delayedScore: number | string | null | undefined): Date | null {
  if (delayedScore === null || delayedScore === undefined) return null;
  return new Date(Math.floor(Number(delayedScore) / 0x1000));
}
