import type { GraphQLResolveInfo } from 'graphql';

/**
 * Batches lookups made in the same tick into one `loadMany` call, and caches them for the life of
 * its scope (see `loaderFor`): federation resolves each entity reference separately, and this turns
 * N queries into one.
 */
export class BatchLoader<K, V> {
  private pending = new Map<K, { resolve: (v: V | null) => void; reject: (e: unknown) => void }[]>();
  private readonly cache = new Map<K, Promise<V | null>>();

  constructor(private readonly loadMany: (keys: K[]) => Promise<Map<K, V>>) {}

  load(key: K): Promise<V | null> {
    const cached = this.cache.get(key);
    if (cached) return cached;
    const promise = new Promise<V | null>((resolve, reject) => {
      const waiting = this.pending.get(key);
      if (waiting) waiting.push({ resolve, reject });
      else this.pending.set(key, [{ resolve, reject }]);
      if (this.pending.size === 1 && waiting === undefined) queueMicrotask(() => void this.flush());
    });
    this.cache.set(key, promise);
    return promise;
  }

  private async flush(): Promise<void> {
    // Let every resolver of this tick enqueue before the single query.
    await new Promise((r) => setImmediate(r));
    const batch = this.pending;
    this.pending = new Map();
    try {
      const found = await this.loadMany([...batch.keys()]);
      for (const [key, waiters] of batch) for (const w of waiters) w.resolve(found.get(key) ?? null);
    } catch (error) {
      for (const [key, waiters] of batch) {
        this.cache.delete(key);
        for (const w of waiters) w.reject(error);
      }
    }
  }
}

/**
 * What loaders are cached on: one execution. A query's context lives for one request, but a
 * subscription's lives as long as the subscription, so caching on it would serve every later event
 * the data of the first; each subscription event is executed with the event as its root value.
 */
function loaderScope(context: object, info: Pick<GraphQLResolveInfo, 'operation' | 'rootValue'>): object {
  const root: unknown = info.rootValue;
  return info.operation.operation === 'subscription' && typeof root === 'object' && root !== null
    ? root
    : context;
}

const loaders = new WeakMap<object, Map<string, BatchLoader<unknown, unknown>>>();

/** The loader named `name` for this execution (a request, or one subscription event); made on first use. */
export function loaderFor<K, V>(
  context: object,
  info: Pick<GraphQLResolveInfo, 'operation' | 'rootValue'>,
  name: string,
  loadMany: (keys: K[]) => Promise<Map<K, V>>,
): BatchLoader<K, V> {
  const scope = loaderScope(context, info);
  let byName = loaders.get(scope);
  if (!byName) loaders.set(scope, (byName = new Map()));
  let loader = byName.get(name) as BatchLoader<K, V> | undefined;
  if (!loader) {
    loader = new BatchLoader(loadMany);
    byName.set(name, loader as BatchLoader<unknown, unknown>);
  }
  return loader;
}
