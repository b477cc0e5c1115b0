// The whole hub in one process for end-to-end tests: the five subgraphs and the gateway on free ports,
// over a fresh database and a Redis prefix of their own, serving the built web app when there is one.
import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLogger } from '@opshub/config';
import { createDb, type Db } from '@opshub/db';
import { EventBus } from '@opshub/events';
import { createGateway, type RunningGateway } from '@opshub/gateway';
import { authenticateRoute, buildOpsSchema, createOpsServices, Role, type OpsServices } from '@opshub/ops';
import { buildAlertsSchema, createAlertsServices } from '@opshub/alerts';
import { buildDcsSchema, createDcsServices } from '@opshub/dcs';
import { buildDqmSchema, createDqmServices } from '@opshub/dqm';
import { startSubgraphServer, type BuiltSubgraph, type RunningSubgraph } from '@opshub/subgraph-kit';
import {
  createTestDatabase,
  TEST_SECRET,
  testRedisUrl,
  uniquePrefix,
  type TestDatabase,
} from '@opshub/testing';
import { buildWorkflowSchema, createWorkflowServices, type WorkflowServices } from '@opshub/workflow';

const ROOT = path.resolve(import.meta.dirname, '..');
export const PASSWORD = 'correct horse battery staple';

export interface Hub {
  url: string;
  graphqlUrl: string;
  wsUrl: string;
  db: Db;
  ops: OpsServices;
  /**
   * The workflow domain behind the hub's subgraph. No workers run in-process: tests play the system
   * actors (batch helper, pipeline driver) through these services. The pipeline is instant and never
   * fails; its products go to a temporary store.
   */
  workflow: WorkflowServices;
  /** A session token for one of the seeded users: admin, operator, viewer. */
  token(username: 'admin' | 'operator' | 'viewer'): Promise<string>;
  stop(): Promise<void>;
}

export async function startHub(options: { label?: string; web?: boolean } = {}): Promise<Hub> {
  const log = createLogger('e2e', process.env['E2E_LOG_LEVEL'] ?? 'silent');
  const database: TestDatabase = await createTestDatabase(options.label ?? 'e2e');
  const db = createDb(database.url);
  const events = await EventBus.connect(testRedisUrl(), uniquePrefix('e2e'));
  const ops = createOpsServices(db, {
    sessionTtlHours: 1,
    redisUrl: testRedisUrl(),
    redisPrefix: events.prefix,
  });

  const storeDir = await mkdtemp(path.join(tmpdir(), 'opshub-e2e-store-'));
  const workflow = createWorkflowServices(db, events, log, {
    store: { productRoot: path.join(storeDir, 'products'), archiveRoot: path.join(storeDir, 'archive') },
    seed: 'e2e',
    pipeline: { durationMs: 0, failureRate: 0 },
  });

  // Commands need the workers (no dispatcher here); readings, series and alarms work.
  const dcs = createDcsServices(db, { databaseUrl: database.url, events, log });
  const builds: [string, Promise<BuiltSubgraph>][] = [
    ['ops', buildOpsSchema(ops)],
    ['workflow', buildWorkflowSchema(workflow)],
    ['alerts', buildAlertsSchema(createAlertsServices(db))],
    ['dcs', buildDcsSchema(dcs)],
    ['dqm', buildDqmSchema(createDqmServices(db))],
  ];
  const servers: Record<string, RunningSubgraph> = {};
  for (const [name, build] of builds) {
    const { schema } = await build;
    servers[name] = await startSubgraphServer({
      name,
      schema,
      host: '127.0.0.1',
      port: 0,
      secret: TEST_SECRET,
      log,
      ...(name === 'ops' ? { routes: authenticateRoute(ops.sessions, TEST_SECRET) } : {}),
    });
  }
  const webDist = path.join(ROOT, 'web', 'dist');
  const gateway: RunningGateway = await createGateway({
    supergraphSdl: await readFile(path.join(ROOT, 'gateway', 'supergraph.graphql'), 'utf8'),
    subgraphUrls: Object.fromEntries(Object.entries(servers).map(([n, s]) => [n, s.url])),
    secret: TEST_SECRET,
    log,
    port: 0,
    host: '127.0.0.1',
    ...(options.web && existsSync(path.join(webDist, 'index.html')) ? { webDist } : {}),
  });

  for (const [username, role] of [
    ['admin', Role.ADMIN],
    ['operator', Role.OPERATOR],
    ['viewer', Role.VIEWER],
  ] as const) {
    await ops.users.create({ username, password: PASSWORD, roles: [role] });
  }
  const tokens = new Map<string, string>();
  const base = gateway.url.replace(/\/graphql$/, '');
  return {
    url: base,
    graphqlUrl: `${base}/graphql`,
    wsUrl: `${base.replace(/^http/, 'ws')}/graphql`,
    db,
    ops,
    workflow,
    token: async (username) => {
      let t = tokens.get(username);
      if (!t) tokens.set(username, (t = (await ops.sessions.login(username, PASSWORD)).token));
      return t;
    },
    stop: async () => {
      await gateway.close();
      for (const s of Object.values(servers)) await s.close();
      await ops.queues?.close();
      await dcs.close();
      await events.close();
      await db.$disconnect();
      await database.drop();
      await rm(storeDir, { recursive: true, force: true });
    },
  };
}
