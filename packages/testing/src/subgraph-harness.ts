import { randomUUID } from 'node:crypto';
import { createLogger } from '@opshub/config';
import { graphql, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { createTestDatabase } from './database.js';

/** Who runs an operation: a signed-in user with that role, or nobody. */
export type Caller = 'VIEWER' | 'OPERATOR' | 'ADMIN' | 'anonymous';

/** The id of the signed-in user of `exec` (an OPERATOR's commands name it as their issuer). */
export const HARNESS_USER_ID = '00000000-0000-4000-8000-0000000000aa';

/** A database client (`createDb` of @opshub/db): the harness only closes it. */
export interface DatabaseClient {
  $disconnect(): Promise<unknown>;
}

export interface SubgraphHarness<S, D extends DatabaseClient = DatabaseClient> {
  db: D;
  /** The fresh database's URL (for services that open connections of their own). */
  databaseUrl: string;
  services: S;
  schema: GraphQLSchema;
  /** Executes as `as` (default a VIEWER, the least any query needs); returns the result as a client parses it. */
  exec<T = Record<string, unknown>>(
    source: string,
    variables?: Record<string, unknown>,
    as?: Caller,
  ): Promise<ExecutionResult<T>>;
  close(): Promise<void>;
}

export interface SubgraphHarnessOptions<S, D extends DatabaseClient> {
  /** Names the test database (createTestDatabase). */
  label: string;
  /** A client of the fresh database (the caller's `createDb`). */
  db: (databaseUrl: string) => D;
  /** The subgraph's services over the test's database. */
  services: (db: D, databaseUrl: string) => S;
  /** The subgraph's schema over those services. */
  build: (services: S) => Promise<{ schema: GraphQLSchema }>;
  /** Closes what the services opened besides the database (run before the database goes). */
  close?: (services: S) => Promise<unknown>;
}

/** One subgraph's schema over a fresh database, executed in-process as a given caller. */
export async function subgraphHarness<S, D extends DatabaseClient>(
  options: SubgraphHarnessOptions<S, D>,
): Promise<SubgraphHarness<S, D>> {
  const database = await createTestDatabase(options.label);
  const db = options.db(database.url);
  const services = options.services(db, database.url);
  const { schema } = await options.build(services);
  const log = createLogger('test', 'silent');
  return {
    db,
    databaseUrl: database.url,
    services,
    schema,
    exec: (source, variables, as = 'VIEWER') =>
      graphql({
        schema,
        source,
        variableValues: variables ?? {},
        contextValue: {
          ...(as === 'anonymous'
            ? {}
            : { user: { id: HARNESS_USER_ID, username: as.toLowerCase(), roles: [as] } }),
          requestId: randomUUID(),
          log,
        },
      }).then((r) => JSON.parse(JSON.stringify(r)) as never),
    close: async () => {
      await options.close?.(services);
      await db.$disconnect();
      await database.drop();
    },
  };
}
