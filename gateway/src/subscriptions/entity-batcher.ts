import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GraphQLFormattedError } from 'graphql';

type Response = Awaited<ReturnType<GraphQLDataSource['process']>>;

interface Pending {
  options: GraphQLDataSourceProcessOptions;
  representations: unknown[];
  resolve: (response: Response) => void;
  reject: (error: unknown) => void;
}

/** What the batcher did, for tests and the benchmark. */
export interface BatchCounters {
  /** `_entities` fetches the plans asked for. */
  entityFetches: number;
  /** `_entities` calls actually sent (one per subgraph, query and scope per event tick). */
  entityCalls: number;
}

const ENTITIES = /\b_entities\s*\(/;

/** Stable JSON: the same variables in any key order give the same text. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Merges the `_entities` fetches that shared subscriptions of one scope send to one subgraph in the
 * same event tick (the groups of one event arrive together) into one call, DataLoader-style: the
 * representations are concatenated, the answer split back by position, and errors whose path points
 * into `_entities` go to the fetch that owns that position (errors without one go to every fetch).
 * Only fetches with the same query text and the same other variables are merged, so the merged call
 * means exactly what each fetch meant. Anything else passes straight through.
 */
export class EntityBatcher implements GraphQLDataSource {
  private readonly batches = new Map<string, Pending[]>();
  private scheduled = false;

  constructor(
    private readonly real: GraphQLDataSource,
    private readonly counters: BatchCounters,
  ) {}

  process(options: GraphQLDataSourceProcessOptions): Promise<Response> {
    const query = options.request.query ?? '';
    const { representations, ...rest } = options.request.variables ?? {};
    if (!ENTITIES.test(query) || !Array.isArray(representations)) return this.real.process(options);
    this.counters.entityFetches++;
    const key = `${query}\u0000${stableJson(rest)}`;
    return new Promise<Response>((resolve, reject) => {
      const batch = this.batches.get(key) ?? [];
      batch.push({ options, representations, resolve, reject });
      this.batches.set(key, batch);
      if (this.scheduled) return;
      this.scheduled = true;
      setImmediate(() => this.flush());
    });
  }

  private flush(): void {
    this.scheduled = false;
    const batches = [...this.batches.values()];
    this.batches.clear();
    for (const batch of batches) void this.send(batch);
  }

  private async send(batch: Pending[]): Promise<void> {
    this.counters.entityCalls++;
    const first = batch[0]!;
    if (batch.length === 1) {
      this.real.process(first.options).then(first.resolve, first.reject);
      return;
    }
    const offsets: number[] = [];
    const representations: unknown[] = [];
    for (const pending of batch) {
      offsets.push(representations.length);
      representations.push(...pending.representations);
    }
    let response: Response;
    try {
      response = await this.real.process({
        ...first.options,
        request: {
          ...first.options.request,
          variables: { ...first.options.request.variables, representations },
        },
      } as GraphQLDataSourceProcessOptions);
    } catch (error) {
      for (const pending of batch) pending.reject(error);
      return;
    }
    const entities = (response.data?.['_entities'] ?? null) as unknown[] | null;
    batch.forEach((pending, i) => {
      const from = offsets[i]!;
      const to = from + pending.representations.length;
      const errors = (response.errors ?? []).flatMap((error) => errorFor(error, from, to));
      pending.resolve({
        data: entities ? { _entities: entities.slice(from, to) } : (response.data ?? null),
        ...(errors.length > 0 ? { errors } : {}),
      });
    });
  }
}

/** The error as the fetch owning positions [from, to) would have received it, or nothing. */
function errorFor(error: GraphQLFormattedError, from: number, to: number): GraphQLFormattedError[] {
  const path = error.path;
  if (!path || path[0] !== '_entities' || typeof path[1] !== 'number') return [error];
  if (path[1] < from || path[1] >= to) return [];
  return [{ ...error, path: ['_entities', path[1] - from, ...path.slice(2)] }];
}
