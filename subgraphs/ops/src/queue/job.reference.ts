import { requireRole, type SubgraphContext } from '@opshub/subgraph-kit';
import type { QueueService } from './queue.service.js';
import { requireQueues } from './queue.resolver.js';
import type { Job } from './job.type.js';

/** Resolves `Job` entities (`@key(fields: "queue id")`) for other subgraphs: the run behind an OUS, a pull… */
export function jobReference(queues: QueueService | undefined) {
  return {
    Job: {
      __resolveReference: (ref: { queue: string; id: string }, ctx: SubgraphContext): Promise<Job | null> => {
        requireRole(ctx, 'VIEWER');
        return requireQueues(queues).reference(ref.queue, ref.id);
      },
    },
  };
}
