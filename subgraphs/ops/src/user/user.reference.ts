import type { GraphQLResolveInfo } from 'graphql';
import { loaderFor, type SubgraphContext } from '@opshub/subgraph-kit';
import type { UserService } from './user.service.js';
import type { User } from './user.type.js';

/** Resolves `User` entities for other subgraphs (a transition's actor…), batched per request. */
export function userReference(users: UserService) {
  return {
    User: {
      __resolveReference: (
        ref: { id: string },
        ctx: SubgraphContext,
        info: GraphQLResolveInfo,
      ): Promise<User | null> =>
        loaderFor(ctx, info, 'user', (ids: string[]) => users.byIds(ids)).load(ref.id),
    },
  };
}
