import type { Logger } from '@opshub/config';
import { createDb, type Db } from '@opshub/db';
import { authenticateRoute, buildOpsSchema, createOpsServices, type OpsServices } from '@opshub/ops';
import { startSubgraphServer, type RunningSubgraph } from '@opshub/subgraph-kit';
import { createTestDatabase, TEST_SECRET, type TestDatabase } from '@opshub/testing';
import { pino } from 'pino';

/** A logger whose JSON lines the test can read (to find a request id in the log). */
export function capturingLogger(): { log: Logger; lines: () => Record<string, unknown>[] } {
  const lines: string[] = [];
  const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
  return { log, lines: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

export interface OpsFixture {
  database: TestDatabase;
  db: Db;
  services: OpsServices;
  server: RunningSubgraph;
  sdl: string;
  stop(): Promise<void>;
}

/** The real ops subgraph in-process on a free port, over `db`. */
export async function startOpsOn(db: Db, log: Logger): Promise<Omit<OpsFixture, 'database' | 'db'>> {
  const services = createOpsServices(db, { sessionTtlHours: 1 });
  const { schema, sdl } = await buildOpsSchema(services);
  const server = await startSubgraphServer({
    name: 'ops',
    schema,
    host: '127.0.0.1',
    port: 0,
    secret: TEST_SECRET,
    log,
    routes: authenticateRoute(services.sessions),
  });
  return { services, server, sdl, stop: () => server.close() };
}

/** The real ops subgraph in-process on a free port, over a fresh database of its own. */
export async function startOps(log: Logger, label = 'gateway'): Promise<OpsFixture> {
  const database = await createTestDatabase(label);
  const db = createDb(database.url);
  const ops = await startOpsOn(db, log);
  return {
    ...ops,
    database,
    db,
    stop: async () => {
      await ops.stop();
      await db.$disconnect();
      await database.drop();
    },
  };
}

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: { data?: T | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

/** POSTs one operation to `url` as a client would. */
export async function gql<T = Record<string, unknown>>(
  url: string,
  query: string,
  options: { variables?: Record<string, unknown>; token?: string; headers?: Record<string, string> } = {},
): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: JSON.stringify({ query, variables: options.variables ?? {} }),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as GraphQLResponse<T>['body'],
  };
}
