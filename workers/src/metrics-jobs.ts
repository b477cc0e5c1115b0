import type { Logger } from '@opshub/config';
import { requestIdOf, runWithRequestId } from '@opshub/jobs';
import type { Job } from 'bullmq';
import type { WorkerMetrics } from './metrics.js';

type ProcessJob = (job: Job) => Promise<unknown>;

/**
 * Wraps the pool's processor: each attempt is timed into `opshub_job_duration_seconds`, logged at its
 * start and end with the request id the job was enqueued with (`rid`, as the gateway and the subgraph
 * logged it; info for such jobs, debug for scheduled ones, warn when it throws), and runs with that id
 * as the current one, so the follow-up jobs it enqueues carry it too.
 */
export function instrumentJobs(
  process: ProcessJob,
  options: { log: Logger; metrics: WorkerMetrics },
): ProcessJob {
  const { log, metrics } = options;
  return async (job) => {
    const rid = requestIdOf(job);
    const jobLog = log.child({
      ...(rid ? { rid } : {}),
      queue: job.queueName,
      jobId: job.id,
      job: job.name,
    });
    const started = performance.now();
    // Scheduled ticks run every few seconds: their lines are debug; a job a request caused is info.
    const level = rid ? 'info' : 'debug';
    jobLog[level]({ attempt: job.attemptsMade + 1 }, 'job started');
    try {
      const result = await runWithRequestId(rid, () => process(job));
      const seconds = (performance.now() - started) / 1000;
      metrics.observeJob(job.queueName, 'completed', seconds);
      jobLog[level]({ ms: Math.round(seconds * 1e4) / 10 }, 'job completed');
      return result;
    } catch (error) {
      const seconds = (performance.now() - started) / 1000;
      metrics.observeJob(job.queueName, 'failed', seconds);
      jobLog.warn(
        { ms: Math.round(seconds * 1e4) / 10, reason: (error as Error).message },
        'job attempt threw',
      );
      throw error;
    }
  };
}
