import { randomUUID } from 'node:crypto';
import { createLogger } from '@opshub/config';
import { createDb, type Db } from '@opshub/db';
import { createTestDatabase, type TestDatabase } from '@opshub/testing';
import { graphql, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { buildDcsSchema, createDcsServices, type DcsServices } from '../src/index.js';

export const OPERATOR_ID = '00000000-0000-4000-8000-0000000000aa';

export interface Harness {
  db: Db;
  services: DcsServices;
  schema: GraphQLSchema;
  /** Executes as a signed-in VIEWER (`anonymous`: no user; a role name: that role); returns the result as a client parses it. */
  exec<T = Record<string, unknown>>(
    source: string,
    variables?: Record<string, unknown>,
    anonymous?: boolean | 'OPERATOR' | 'ADMIN',
  ): Promise<ExecutionResult<T>>;
  close(): Promise<void>;
}

export async function startHarness(label: string): Promise<Harness> {
  const database: TestDatabase = await createTestDatabase(label);
  const db = createDb(database.url, { max: 4 });
  const services = createDcsServices(db, { databaseUrl: database.url });
  const { schema } = await buildDcsSchema(services);
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
          ...(anonymous === true
            ? {}
            : typeof anonymous === 'string'
              ? { user: { id: OPERATOR_ID, username: 'operator', roles: [anonymous] } }
              : { user: { id: randomUUID(), username: 'viewer', roles: ['VIEWER'] } }),
          requestId: randomUUID(),
          log,
        },
      }).then((r) => JSON.parse(JSON.stringify(r)) as never),
    close: async () => {
      await services.close();
      await db.$disconnect();
      await database.drop();
    },
  };
}
