import type { GraphQLSchema } from 'graphql';
import { startSubgraphServer, type RunningSubgraph, type SubgraphServerOptions } from './server.js';

/** What a subgraph opened for its services (database, Redis, queues), closed newest first. */
export class Resources {
  private readonly closers: (() => Promise<unknown>)[] = [];

  /** Keeps `value` and how to close it; returns `value`. */
  add<T>(value: T, close: (value: T) => Promise<unknown>): T {
    this.closers.push(() => close(value));
    return value;
  }

  async close(): Promise<void> {
    // Every resource gets its close even when an earlier one fails; the first failure is reported.
    let failure: unknown;
    for (const close of this.closers.splice(0).reverse()) {
      try {
        await close();
      } catch (error) {
        failure ??= error;
      }
    }
    if (failure !== undefined) throw failure;
  }
}

export interface ServeSubgraphOptions extends Omit<SubgraphServerOptions, 'schema' | 'routes'> {
  /** Opens the services (registering what must be closed) and builds the schema over them. */
  open: (resources: Resources) => Promise<{
    schema: GraphQLSchema;
    routes?: SubgraphServerOptions['routes'];
  }>;
}

/**
 * The body of every `start<Name>Subgraph`: opens the services, serves the schema, and closes the
 * server first, then what `open` registered; a start that fails half-way closes what it opened.
 */
export async function serveSubgraph(options: ServeSubgraphOptions): Promise<RunningSubgraph> {
  const { open, ...server } = options;
  const resources = new Resources();
  try {
    const { schema, routes } = await open(resources);
    const running = await startSubgraphServer({ ...server, schema, ...(routes ? { routes } : {}) });
    return {
      url: running.url,
      port: running.port,
      close: async () => {
        try {
          await running.close();
        } finally {
          await resources.close();
        }
      },
    };
  } catch (error) {
    await resources.close().catch(() => undefined);
    throw error;
  }
}
