import type { GraphQLResolveInfo } from 'graphql';
import { loaderFor, requireRole, type SubgraphContext } from '@opshub/subgraph-kit';
import { referenceKey, type QueueService } from './queue.service.js';
import { requireQueues } from './queue.resolver.js';
import type { Job } from './job.type.js';

/**
 * Resolves `Job` entities (`@key(fields: "queue id")`) for other subgraphs: the run behind an OUS, a
 * pull… Every reference of one request is loaded in one batch: one Redis round trip per queue,
 * not one per entity.
 */
export function jobReference(queues: QueueService | undefined) {
  return {
    Job: {
      __resolveReference: (
        ref: { queue: string; id: string },
        ctx: SubgraphContext,
        info: GraphQLResolveInfo,
      ): Promise<Job | null> => {
        requireRole(ctx, 'VIEWER');
        const service = requireQueues(queues);
        return loaderFor(ctx, info, 'ops-job', (keys: string[]) =>
          service.references(
            keys.map((key) => {
              const [queue = '', id = ''] = key.split('\u0000');
              return { queue, id };
            }),
          ),
        ).load(referenceKey(ref.queue, ref.id));
      },
    },
  };
}
