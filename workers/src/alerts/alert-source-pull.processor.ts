import type { AlertsServices, PullOutcome } from '@opshub/alerts';
import type { Queue } from 'bullmq';
import type { Processor } from '../runtime/processor-registry.js';

/**
 * The tick: one `alert-source-pull` per source not backing off. The job id is the source's, so a
 * source whose last pull still waits or runs is not queued twice (a slow source never piles up).
 */
export function alertSourceTickProcessor(
  alerts: Pick<AlertsServices, 'alertSources'>,
  pullQueue: Queue,
): Processor<'alert-source-tick'> {
  return async () => {
    const due = await alerts.alertSources.due();
    await pullQueue.addBulk(
      due.map((sourceId) => ({
        name: 'alert-source-pull',
        data: { sourceId },
        // A failed pull is backed off by the service itself (per source, in the database), never retried here.
        opts: { jobId: `pull-${sourceId}`, attempts: 1, removeOnComplete: true, removeOnFail: true },
      })),
    );
    return { enqueued: due.length };
  };
}

/** One source's pull from its cursor; its failures are recorded on the source (backoff, error), not thrown. */
export function alertSourcePullProcessor(
  alerts: Pick<AlertsServices, 'alertSources'>,
): Processor<'alert-source-pull'> {
  return async (job): Promise<PullOutcome> => alerts.alertSources.pull(job.data.sourceId);
}
