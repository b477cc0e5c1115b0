import type { GraphQLResolveInfo } from 'graphql';

/**
 * What per-request loaders are cached on. A query's context lives for one request; a subscription's
 * lives as long as the subscription, so caching on it would serve every later event the data of the
 * first. Each subscription event is executed with the event as its root value: cache on that instead.
 */
export function loaderScope(context: object, info: GraphQLResolveInfo): object {
  const root: unknown = info.rootValue;
  return info.operation.operation === 'subscription' && typeof root === 'object' && root !== null
    ? root
    : context;
}
