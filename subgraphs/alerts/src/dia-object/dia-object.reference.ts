import { loaderFor, type SubgraphContext } from '@opshub/subgraph-kit';
import type { DiaObjectService } from './dia-object.service.js';
import type { DiaObject } from './dia-object.type.js';

/** Resolves `DiaObject` entities for other subgraphs, batched per request. */
export function diaObjectReference(objects: DiaObjectService) {
  return {
    DiaObject: {
      __resolveReference: (ref: { id: string }, ctx: SubgraphContext): Promise<DiaObject | null> =>
        loaderFor(ctx, 'dia-object', (ids: string[]) => objects.byIds(ids)).load(ref.id),
    },
  };
}
