import { randomUUID } from 'node:crypto';
import { createLogger } from '@opshub/config';
import { createDb, type Db } from '@opshub/db';
import { createTestDatabase, type TestDatabase } from '@opshub/testing';
import { graphql, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { buildDqmSchema, createDqmServices, type DqmServices } from '../src/index.js';

export interface Harness {
  db: Db;
  services: DqmServices;
  schema: GraphQLSchema;
  /** Executes as a signed-in VIEWER (`anonymous`: no user); returns the result as a client parses it. */
  exec<T = Record<string, unknown>>(
    source: string,
    variables?: Record<string, unknown>,
    anonymous?: boolean,
  ): Promise<ExecutionResult<T>>;
  close(): Promise<void>;
}

export async function startHarness(label: string): Promise<Harness> {
  const database: TestDatabase = await createTestDatabase(label);
  const db = createDb(database.url, { max: 4 });
  const services = createDqmServices(db);
  const { schema } = await buildDqmSchema(services);
  const log = createLogger('test', 'silent');
  return {
    db,
    services,
    schema,
    exec: (source, variables, anonymous) =>
      graphql({
        schema,
        source,
        variableValues: variables ?? {},
        contextValue: {
          ...(anonymous ? {} : { user: { id: randomUUID(), username: 'viewer', roles: ['VIEWER'] } }),
          requestId: randomUUID(),
          log,
        },
      }).then((r) => JSON.parse(JSON.stringify(r)) as never),
    close: async () => {
      await db.$disconnect();
      await database.drop();
    },
  };
}
