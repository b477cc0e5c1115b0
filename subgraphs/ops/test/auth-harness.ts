import { decodeRevocation, revocationChannel, type Principal, type Revocation } from '@opshub/auth';
import { createLogger } from '@opshub/config';
import { createDb, type Db } from '@opshub/db';
import { createTestDatabase, testRedisUrl, uniquePrefix, type TestDatabase } from '@opshub/testing';
import { graphql, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { Redis } from 'ioredis';
import {
  buildOpsSchema,
  createOpsServices,
  Role,
  type OpsServices,
  type OpsServicesOptions,
} from '../src/index.js';

export const log = createLogger('ops-auth-test', 'silent');

export interface AuthHarness {
  db: Db;
  prefix: string;
  services: OpsServices;
  schema: GraphQLSchema;
  admin: Principal;
  /** Every revocation published on the hub's channel since the harness started, in order. */
  revocations: Revocation[];
  /** Runs a GraphQL operation as the given principal (or anonymously), as the subgraph would. */
  exec<T = Record<string, unknown>>(
    as: Principal | undefined,
    source: string,
    variables?: Record<string, unknown>,
    clientAddress?: string,
  ): Promise<ExecutionResult<T>>;
  /** Another set of ops services on the same database and Redis prefix (a second ops process). */
  another(options?: Partial<OpsServicesOptions>): OpsServices;
  close(): Promise<void>;
}

export const principal = (u: { id: string; username: string; roles: Role[] }): Principal => ({
  id: u.id,
  username: u.username,
  roles: u.roles,
});

/** The ops services and schema over a fresh database, a Redis prefix of their own, and a subscriber on the revocation channel. */
export async function startAuthHarness(
  label: string,
  options: Partial<OpsServicesOptions> = {},
): Promise<AuthHarness> {
  const database: TestDatabase = await createTestDatabase(label);
  const db = createDb(database.url);
  const prefix = uniquePrefix(label);
  const base: OpsServicesOptions = { sessionTtlHours: 12, redisUrl: testRedisUrl(), redisPrefix: prefix };
  const services = createOpsServices(db, { ...base, ...options });
  const extra: OpsServices[] = [];
  const { schema } = await buildOpsSchema(services);
  const subscriber = new Redis(testRedisUrl());
  const revocations: Revocation[] = [];
  subscriber.on('message', (_channel: string, text: string) => {
    const r = decodeRevocation(text);
    if (r) revocations.push(r);
  });
  await subscriber.subscribe(revocationChannel(prefix));
  const admin = principal(
    await services.users.create({ username: 'root', password: 'root password 123', roles: [Role.ADMIN] }),
  );
  return {
    db,
    prefix,
    services,
    schema,
    admin,
    revocations,
    exec: (as, source, variables, clientAddress) =>
      graphql({
        schema,
        source,
        ...(variables ? { variableValues: variables } : {}),
        contextValue: {
          user: as,
          requestId: `test-${Date.now()}`,
          log,
          ...(clientAddress ? { clientAddress } : {}),
        },
      }) as Promise<ExecutionResult<never>>,
    another: (more = {}) => {
      const s = createOpsServices(db, { ...base, ...options, ...more });
      extra.push(s);
      return s;
    },
    close: async () => {
      await subscriber.quit();
      await Promise.all([services, ...extra].map((s) => s.close()));
      await services.queues?.close();
      const cleaner = new Redis(testRedisUrl());
      const keys = await cleaner.keys(`${prefix}:*`);
      if (keys.length > 0) await cleaner.del(...keys);
      await cleaner.quit();
      await db.$disconnect();
      await database.drop();
    },
  };
}
