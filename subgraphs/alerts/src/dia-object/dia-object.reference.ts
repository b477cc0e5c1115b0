import type { GraphQLResolveInfo } from 'graphql';
import { loaderFor, type SubgraphContext } from '@opshub/subgraph-kit';
import type { DiaObjectService } from './dia-object.service.js';
import type { DiaObject } from './dia-object.type.js';

/** Resolves `DiaObject` entities for other subgraphs, batched per request. */
export function diaObjectReference(objects: DiaObjectService) {
  return {
    DiaObject: {
      __resolveReference: (
        ref: { id: string },
        ctx: SubgraphContext,
        info: GraphQLResolveInfo,
      ): Promise<DiaObject | null> =>
        loaderFor(ctx, info, 'dia-object', (ids: string[]) => objects.byIds(ids)).load(ref.id),
    },
  };
}
