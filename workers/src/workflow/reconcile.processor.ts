import type { WorkflowServices } from '@opshub/workflow';
import { UnrecoverableError } from 'bullmq';
import type { Processor } from '../runtime/processor-registry.js';

/**
 * Workflow housekeeping: re-enqueues follow-ups lost after their commit (the events left in the
 * outbox are the `outbox-relay` job's).
 */
export function reconcileProcessor(workflow: Pick<WorkflowServices, 'ous'>): Processor<'workflow-reconcile'> {
  return async (job) => {
    const { olderThanMs } = job.data;
    if (typeof olderThanMs !== 'number' || !(olderThanMs >= 0)) {
      throw new UnrecoverableError(
        `workflow-reconcile needs olderThanMs ≥ 0, got ${JSON.stringify(olderThanMs)}`,
      );
    }
    const enqueued = await workflow.ous.reconcile(olderThanMs);
    return { enqueued };
  };
}
