import type { WorkflowServices } from '@opshub/workflow';
import { UnrecoverableError } from 'bullmq';
import type { Processor } from '../runtime/processor-registry.js';

/**
 * Workflow housekeeping: re-enqueues follow-ups lost after their commit and relays workflow events
 * left in the outbox (Redis was down at commit time).
 */
export function reconcileProcessor(
  workflow: Pick<WorkflowServices, 'ous' | 'outbox'>,
): Processor<'workflow-reconcile'> {
  return async (job) => {
    const { olderThanMs } = job.data;
    if (typeof olderThanMs !== 'number' || !(olderThanMs >= 0)) {
      throw new UnrecoverableError(
        `workflow-reconcile needs olderThanMs ≥ 0, got ${JSON.stringify(olderThanMs)}`,
      );
    }
    const relayed = await workflow.outbox.relay(olderThanMs);
    const enqueued = await workflow.ous.reconcile(olderThanMs);
    return { relayed, enqueued };
  };
}
