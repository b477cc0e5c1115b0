import { randomUUID } from 'node:crypto';
import { createLogger } from '@opshub/config';
import { createDb, type Db } from '@opshub/db';
import { createTestDatabase, type TestDatabase } from '@opshub/testing';
import { graphql, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { buildAlertsSchema, createAlertsServices, type AlertsServices } from '../src/index.js';

export interface Harness {
  db: Db;
  services: AlertsServices;
  schema: GraphQLSchema;
  /** Executes as a signed-in VIEWER (the least any query needs); returns the result as a client parses it. */
  exec<T = Record<string, unknown>>(
    source: string,
    variables?: Record<string, unknown>,
  ): Promise<ExecutionResult<T>>;
  close(): Promise<void>;
}

export async function startHarness(label: string): Promise<Harness> {
  const database: TestDatabase = await createTestDatabase(label);
  const db = createDb(database.url, { max: 4 });
  const services = createAlertsServices(db);
  const { schema } = await buildAlertsSchema(services);
  const log = createLogger('test', 'silent');
  return {
    db,
    services,
    schema,
    exec: (source, variables) =>
      graphql({
        schema,
        source,
        variableValues: variables ?? {},
        contextValue: {
          user: { id: randomUUID(), username: 'viewer', roles: ['VIEWER'] },
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

/** A small seeded PRNG so a failing case can be replayed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
