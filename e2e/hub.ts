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
import { createBullConnection } from '@opshub/jobs';
import { createGateway, type RunningGateway } from '@opshub/gateway';
import { authenticateRoute, buildOpsSchema, createOpsServices, Role, type OpsServices } from '@opshub/ops';
import { buildAlertsSchema, createAlertsServices } from '@opshub/alerts';
import { buildDcsSchema, createDcsServices, createJobDispatcher } from '@opshub/dcs';
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
import { queueProducer } from '@opshub/workflow';
import {
  DEFAULT_RETENTION,
  opsModule,
  startWorkers,
  workflowModule,
  type RunningWorkers,
} from '@opshub/workers';

const ROOT = path.resolve(import.meta.dirname, '..');
export const PASSWORD = 'correct horse battery staple';

export interface Hub {
  url: string;
  graphqlUrl: string;
  wsUrl: string;
  db: Db;
  /** The hub's fresh database and Redis prefix, for processes that join it (workers, a simulated stand). */
  databaseUrl: string;
  redisPrefix: string;
  ops: OpsServices;
  /** The Redis the hub runs on (TEST_REDIS_URL unless `redisUrl` was given). */
  redisUrl: string;
  /** The five subgraph servers behind the gateway, by name (a fault test stops one). */
  subgraphs: Record<string, RunningSubgraph>;
  /**
   * The workflow domain behind the hub's subgraph. No workers run in-process: tests play the system
   * actors (batch helper, pipeline driver) through these services. The pipeline is instant and never
   * fails; its products go to a temporary store.
   */
  workflow: WorkflowServices;
  /**
   * With `workers: true`: the real BullMQ workers (ops and workflow modules) in-process, on the hub's
   * database and Redis prefix, with the workflow settings of `workflow` (seed, store, pipeline). Moves
   * made through the hub then enqueue the actors' next step, as in production.
   */
  workers?: RunningWorkers;
  /** A session token for one of the seeded users: admin, operator, viewer. */
  token(username: 'admin' | 'operator' | 'viewer'): Promise<string>;
  stop(): Promise<void>;
}

export async function startHub(
  options: {
    label?: string;
    web?: boolean;
    /** Run the ops and workflow workers in-process (see `Hub.workers`). */
    workers?: boolean;
    /** How long a pipeline run takes (default 0: instant); shared by the hub and the workers. */
    pipelineMs?: number;
    /**
     * Send DCS commands as `dcs` queue jobs on the hub's Redis prefix (as the dcs subgraph's main does):
     * for tests that run the dcs workers against the hub (e2e/dcs-stand.ts). Without it commands fail.
     */
    dcsCommands?: boolean;
    /**
     * Enqueue the actors' follow-up jobs on the hub's Redis prefix without running workers in-process:
     * for tests that run the workers in child processes (e2e/faults/worker-kill.test.ts).
     */
    jobs?: boolean;
    /** The Redis of the whole hub (default TEST_REDIS_URL): a private redis-server a fault test restarts. */
    redisUrl?: string;
    /** The gateway's subgraph fetch timeouts (default the gateway's own). */
    subgraphTimeouts?: { queryMs?: number; mutationMs?: number };
  } = {},
): Promise<Hub> {
  const log = createLogger('e2e', process.env['E2E_LOG_LEVEL'] ?? 'silent');
  const database: TestDatabase = await createTestDatabase(options.label ?? 'e2e');
  const db = createDb(database.url);
  const redisUrl = options.redisUrl ?? testRedisUrl();
  const events = await EventBus.connect(redisUrl, uniquePrefix('e2e'));
  const ops = createOpsServices(db, {
    sessionTtlHours: 1,
    redisUrl,
    redisPrefix: events.prefix,
  });

  // With workers, moves made through the hub enqueue the next actor's job, as the workflow subgraph does.
  const producer = options.workers || options.jobs ? queueProducer(redisUrl, events.prefix) : undefined;
  const storeDir = await mkdtemp(path.join(tmpdir(), 'opshub-e2e-store-'));
  const workflow = createWorkflowServices(db, events, log, {
    store: { productRoot: path.join(storeDir, 'products'), archiveRoot: path.join(storeDir, 'archive') },
    seed: 'e2e',
    pipeline: { durationMs: options.pipelineMs ?? 0, failureRate: 0 },
    ...(producer ? { jobs: producer.jobs } : {}),
  });

  // Commands need the dcs workers (and a dispatcher: `dcsCommands`); readings, series and alarms work without.
  const dispatcher = options.dcsCommands ? await createJobDispatcher(redisUrl, events.prefix) : undefined;
  const dcs = createDcsServices(db, {
    databaseUrl: database.url,
    events,
    log,
    ...(dispatcher ? { dispatcher } : {}),
  });
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
      ...(name === 'ops' ? { routes: authenticateRoute(ops.sessions) } : {}),
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
    ...(options.subgraphTimeouts ? { subgraphTimeouts: options.subgraphTimeouts } : {}),
    ...(options.web && existsSync(path.join(webDist, 'index.html')) ? { webDist } : {}),
  });

  for (const [username, role] of [
    ['admin', Role.ADMIN],
    ['operator', Role.OPERATOR],
    ['viewer', Role.VIEWER],
  ] as const) {
    await ops.users.create({ username, password: PASSWORD, roles: [role] });
  }
  // The workers share the hub's workflow settings, read back from its services (one source of truth).
  const workers = options.workers
    ? await startWorkers({
        env: {
          DATABASE_URL: database.url,
          REDIS_URL: redisUrl,
          REDIS_PREFIX: events.prefix,
          SESSION_TTL_HOURS: 1,
          WORKER_SHUTDOWN_MS: 5_000,
          LOG_LEVEL: 'silent',
        },
        log,
        modules: [
          opsModule(DEFAULT_RETENTION),
          workflowModule({
            productRoot: workflow.store.productRoot,
            archiveRoot: workflow.store.archiveRoot,
            pipelineMs: workflow.pipeline.settings.durationMs,
            failureRate: workflow.pipeline.settings.failureRate,
            pipelineConcurrency: 2,
            seed: workflow.seed,
            demo: { enabled: false, everyMs: 60_000 },
            events,
          }),
        ],
        // No schedules: tests drive every move (the hourly prune and the reconciler add nothing here).
        schedules: [],
      })
    : undefined;
  const tokens = new Map<string, string>();
  const base = gateway.url.replace(/\/graphql$/, '');
  return {
    url: base,
    graphqlUrl: `${base}/graphql`,
    wsUrl: `${base.replace(/^http/, 'ws')}/graphql`,
    db,
    databaseUrl: database.url,
    redisPrefix: events.prefix,
    ops,
    redisUrl,
    subgraphs: servers,
    workflow,
    ...(workers ? { workers } : {}),
    token: async (username) => {
      let t = tokens.get(username);
      if (!t) tokens.set(username, (t = (await ops.sessions.login(username, PASSWORD)).token));
      return t;
    },
    stop: async () => {
      // Workers first: no job may still be running when the database goes.
      await workers?.stop();
      await producer?.close();
      await gateway.close();
      // A fault test may have stopped one already.
      for (const s of Object.values(servers)) await s.close().catch(() => undefined);
      await ops.queues?.close();
      await dcs.close();
      await dispatcher?.close();
      await events.close();
      await db.$disconnect();
      await database.drop();
      if (workers || producer) await deleteKeys(redisUrl, events.prefix).catch(() => undefined);
      await rm(storeDir, { recursive: true, force: true });
    },
  };
}

/** Removes the Redis keys under `prefix` (BullMQ queues and streams of a hub that ran workers). */
async function deleteKeys(redisUrl: string, prefix: string): Promise<void> {
  const connection = createBullConnection(redisUrl);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await connection.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length > 0) await connection.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    await connection.quit();
  }
}
