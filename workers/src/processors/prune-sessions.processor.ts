import type { OpsServices } from '@opshub/ops';
import { UnrecoverableError } from 'bullmq';
import type { Processor } from '../runtime/processor-registry.js';

/** Deletes sessions that expired or were revoked more than `olderThanHours` ago. */
export function pruneSessionsProcessor(
  sessions: Pick<OpsServices['sessions'], 'prune'>,
): Processor<'prune-sessions'> {
  return async (job) => {
    const { olderThanHours } = job.data;
    if (typeof olderThanHours !== 'number' || !Number.isFinite(olderThanHours) || olderThanHours < 0) {
      throw new UnrecoverableError(
        `prune-sessions needs olderThanHours ≥ 0, got ${JSON.stringify(olderThanHours)}`,
      );
    }
    const { count } = await sessions.prune(olderThanHours);
    return { pruned: count };
  };
}
