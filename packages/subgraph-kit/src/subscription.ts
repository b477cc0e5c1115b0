import type { SubscribeResolverData } from 'type-graphql';
import { resolverOf, type ResolverClass } from './container.js';
import type { SubgraphContext } from './context.js';

type Source = AsyncIterable<unknown> | Promise<AsyncIterable<unknown>>;

/**
 * A `subscribe` that runs on the resolver instance serving the schema, so a subscription reaches its
 * services the way every query does (type-graphql calls `subscribe` without an instance). The role
 * is checked before it by `@Authorized(…)` on the subscription, as for queries.
 */
export function subscribeOn<R extends object, A = Record<string, unknown>>(
  cls: () => ResolverClass<R>,
  source: (resolver: R, args: A, context: SubgraphContext) => Source,
): (data: SubscribeResolverData<unknown, A, SubgraphContext>) => Source {
  return ({ args, context, info }) => source(resolverOf(info.schema, cls()), args, context);
}
