import { JobEventKind, type JobEvent } from './job-event.type.js';

/** BullMQ's event stream names → ours; events not listed (drained, paused, cleaned…) are not job events. */
export const EVENTS: Record<string, JobEventKind> = {
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

export type EventArgs = {
  jobId?: string;
  prev?: string;
  data?: unknown;
  failedReason?: string;
  returnvalue?: unknown;
};

export function toJobEvent(
  queue: string,
  bullEvent: string,
  args: EventArgs,
  streamId: string,
): JobEvent | null {
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
