import { AsyncLocalStorage } from 'node:async_hooks';
import type { Job, JobsOptions } from 'bullmq';

/**
 * The request id of the work in progress: the gateway's id of the request a subgraph is answering
 * (set by @opshub/subgraph-kit around each call), or the id a job was enqueued with while a worker
 * runs it. Every job enqueued meanwhile carries it, so one id leads from the client's request through
 * the subgraph's log lines to the job it started, and to that job's own follow-ups.
 */
const current = new AsyncLocalStorage<string>();

/** Job options with the request id that caused the job (kept by BullMQ with the job's other options). */
export type TracedJobsOptions = JobsOptions & {
  /** The gateway's request id of the request (or the job) that enqueued this job. */
  requestId?: string;
};

/** Runs `fn` (and everything it starts) with `requestId` as the current request id; as is without one. */
export function runWithRequestId<T>(requestId: string | undefined, fn: () => T): T {
  return requestId ? current.run(requestId, fn) : fn();
}

export function currentRequestId(): string | undefined {
  return current.getStore();
}

/** The request id a job was enqueued with, if any (scheduled jobs have none). */
export function requestIdOf(job: Pick<Job, 'opts'>): string | undefined {
  const id = (job.opts as TracedJobsOptions | undefined)?.requestId;
  return typeof id === 'string' && id.length > 0 ? id : undefined;
}

/** `opts` with the current request id added, unless the caller gave one or there is none. */
export function withCurrentRequestId<O extends JobsOptions>(opts: O | undefined): O | undefined {
  const requestId = current.getStore();
  if (!requestId || (opts as TracedJobsOptions | undefined)?.requestId) return opts;
  return { ...opts, requestId } as unknown as O;
}
