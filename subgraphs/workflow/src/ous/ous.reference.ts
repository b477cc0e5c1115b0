import type { GraphQLResolveInfo } from 'graphql';
import { loaderFor, type SubgraphContext } from '@opshub/subgraph-kit';
import type { OusNode, OusService } from './ous.service.js';

/** Resolves `ObsUnitSet` entities for other subgraphs, batched per request. */
export function ousReference(ous: OusService) {
  return {
    ObsUnitSet: {
      __resolveReference: (
        ref: { id: string },
        ctx: SubgraphContext,
        info: GraphQLResolveInfo,
      ): Promise<OusNode | null> =>
        loaderFor(ctx, info, 'ous', (ids: string[]) => ous.byIds(ids)).load(ref.id),
    },
  };
}
