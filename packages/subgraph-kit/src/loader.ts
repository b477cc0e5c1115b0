/**
 * Batches lookups made in the same tick into one `loadMany` call, once per request:
 * federation resolves each entity reference separately, and this turns N queries into one.
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

const loaders = new WeakMap<object, Map<string, BatchLoader<unknown, unknown>>>();

/** The loader named `name` for this request context (created on first use). */
export function loaderFor<K, V>(
  context: object,
  name: string,
  loadMany: (keys: K[]) => Promise<Map<K, V>>,
): BatchLoader<K, V> {
  let byName = loaders.get(context);
  if (!byName) loaders.set(context, (byName = new Map()));
  let loader = byName.get(name) as BatchLoader<K, V> | undefined;
  if (!loader) {
    loader = new BatchLoader(loadMany);
    byName.set(name, loader as BatchLoader<unknown, unknown>);
  }
  return loader;
}
