import { createLogger } from '@opshub/config';
import { createDb, type Db } from '@opshub/db';
import { createBullConnection, createQueue, type QueueName } from '@opshub/jobs';
import {
  createTestDatabase,
  deleteKeys,
  testRedisUrl,
  uniquePrefix,
  type TestDatabase,
} from '@opshub/testing';
import type { Queue } from 'bullmq';
import { graphql, type ExecutionResult, type GraphQLSchema } from 'graphql';
import type { Redis } from 'ioredis';
import { buildOpsSchema, createOpsServices, Role, type OpsServices } from '../src/index.js';

export const log = createLogger('ops-queue-test', 'silent');

export interface QueueHarness {
  db: Db;
  prefix: string;
  services: OpsServices;
  schema: GraphQLSchema;
  /** A connection for the test's own producers and workers. */
  connection: Redis;
  admin: { id: string; username: string; roles: Role[] };
  viewer: { id: string; username: string; roles: Role[] };
  queue(name: QueueName): Queue;
  exec<T = Record<string, unknown>>(
    as: 'admin' | 'viewer',
    source: string,
    variables?: Record<string, unknown>,
  ): Promise<ExecutionResult<T>>;
  close(): Promise<void>;
}

/** The ops schema over a fresh database and a Redis prefix of its own, with an ADMIN and a VIEWER. */
export async function startQueueHarness(label: string): Promise<QueueHarness> {
  const database: TestDatabase = await createTestDatabase(label);
  const db = createDb(database.url);
  const prefix = uniquePrefix(label);
  const services = createOpsServices(db, {
    sessionTtlHours: 12,
    redisUrl: testRedisUrl(),
    redisPrefix: prefix,
  });
  const { schema } = await buildOpsSchema(services);
  const connection = createBullConnection(testRedisUrl());
  const admin = await services.users.create({
    username: 'queue-admin',
    password: 'admin password 1',
    roles: [Role.ADMIN],
  });
  const viewer = await services.users.create({
    username: 'queue-viewer',
    password: 'viewer password 1',
    roles: [Role.VIEWER],
  });
  const queues = new Map<QueueName, Queue>();
  let n = 0;
  return {
    db,
    prefix,
    services,
    schema,
    connection,
    admin,
    viewer,
    queue(name) {
      let q = queues.get(name);
      if (!q) {
        q = createQueue(name, connection, prefix);
        queues.set(name, q);
      }
      return q;
    },
    exec(as, source, variables) {
      const user = as === 'admin' ? admin : viewer;
      return graphql({
        schema,
        source,
        ...(variables ? { variableValues: variables } : {}),
        contextValue: {
          user: { id: user.id, username: user.username, roles: user.roles },
          requestId: `req-${++n}`,
          log,
        },
      }) as Promise<ExecutionResult<never>>;
    },
    async close() {
      await Promise.all([...queues.values()].map((q) => q.close()));
      await services.queues?.close();
      await deleteKeys(connection, prefix);
      await connection.quit();
      await db.$disconnect();
      await database.drop();
    },
  };
}
