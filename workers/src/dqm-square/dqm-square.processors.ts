import type { DqmSquareServices } from '@opshub/dqm';
import type { Queue } from 'bullmq';
import type { Processor } from '../runtime/processor-registry.js';

/**
 * The tick: one `dqm-square-sync` per agent that is not backing off. The job id is the agent's, so
 * an agent whose last sync still waits or runs is not queued twice (a slow agent never piles up).
 */
export function dqmSquareTickProcessor(
  square: Pick<DqmSquareServices, 'hosts'>,
  syncQueue: Queue,
): Processor<'dqm-square-tick'> {
  return async () => {
    const now = new Date();
    const due = (await square.hosts.list()).filter((h) => !h.backoffUntil || h.backoffUntil <= now);
    await syncQueue.addBulk(
      due.map((h) => ({
        name: 'dqm-square-sync',
        data: { hostId: h.id },
        // A failed sync is backed off by the service itself (per host, in the database), never retried here.
        opts: { jobId: `sync-${h.id}`, attempts: 1, removeOnComplete: true, removeOnFail: true },
      })),
    );
    return { enqueued: due.length };
  };
}

/** One agent's sync; its failures are recorded on the host (backoff, error), not thrown. */
export function dqmSquareSyncProcessor(
  square: Pick<DqmSquareServices, 'sync'>,
): Processor<'dqm-square-sync'> {
  return async (job) => {
    const outcome = await square.sync.syncHost(job.data.hostId);
    return outcome.status === 'failed' ? { status: outcome.status, failures: outcome.failures } : outcome;
  };
}

/** Every agent's status row (up, lag, error) and the retention of the older ones. */
export function dqmSquareStatusProcessor(
  square: Pick<DqmSquareServices, 'hosts'>,
): Processor<'dqm-square-status'> {
  return async (job) => square.hosts.recordStatus(new Date(), job.data.retentionHours);
}
