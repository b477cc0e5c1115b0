import type { Logger } from '@opshub/config';
import { enqueue, type JobName, type JobPayloads } from '@opshub/jobs';

/**
 * The port through which workflow services ask for follow-up work (a recipe, a pipeline run, an
 * ingestion). The subgraph and the workers both hand in a BullMQ producer; tests may hand in none.
 */
export interface WorkflowJobs {
  /** Enqueues `job` once: a second enqueue with the same `jobId` is a no-op while the first is kept. */
  enqueue<J extends JobName>(job: J, payload: JobPayloads[J], jobId: string): Promise<void>;
}

/** For code paths that must not start any work (SDL emission, seeding without Redis). */
export const NO_JOBS: WorkflowJobs = { enqueue: async () => undefined };

type QueueProvider = Parameters<typeof enqueue>[0];

/**
 * Follow-ups as BullMQ jobs on the queues of @opshub/jobs. With Redis down an enqueue throws
 * ServiceUnavailableError (SERVICE_UNAVAILABLE) within `timeoutMs` (default 2 s), never hangs.
 */
export function bullWorkflowJobs(queues: QueueProvider, options: { timeoutMs?: number } = {}): WorkflowJobs {
  return {
    enqueue: async (job, payload, jobId) => {
      await enqueue(queues, job, payload, { jobId, ...options });
    },
  };
}

/**
 * Enqueue failures are logged, not thrown: the move already committed, so the client gets its
 * normal answer (the new state); the reconciler (`workflow-reconcile`, every 30 s) re-enqueues the
 * follow-up of an OUS that waited a minute with none, once Redis is back.
 */
export function forgiving(jobs: WorkflowJobs, log: Logger): WorkflowJobs {
  return {
    enqueue: async (job, payload, jobId) => {
      try {
        await jobs.enqueue(job, payload, jobId);
      } catch (error) {
        log.warn({ err: error, job, jobId }, 'follow-up job not enqueued; the reconciler will retry');
      }
    },
  };
}
