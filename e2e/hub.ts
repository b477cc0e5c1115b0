// The whole hub in one process for end-to-end tests: the five subgraphs and the gateway on free ports,
// over a fresh database and a Redis prefix of their own, serving the built web app when there is one.
import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ALERTS_SUBGRAPH_KEYS, startAlertsSubgraph } from '@opshub/alerts';
import { createLogger, loadEnv, SUBGRAPHS, type Logger, type SubgraphName } from '@opshub/config';
import { createDb, type Db } from '@opshub/db';
import { DCS_SUBGRAPH_KEYS, startDcsSubgraph } from '@opshub/dcs';
import { DQM_SUBGRAPH_KEYS, startDqmSubgraph } from '@opshub/dqm';
import { EventBus } from '@opshub/events';
import { GATEWAY_KEYS, startGateway, type RunningGateway } from '@opshub/gateway';
import { createOpsServices, OPS_SUBGRAPH_KEYS, Role, startOpsSubgraph, type OpsServices } from '@opshub/ops';
import type { RunningSubgraph } from '@opshub/subgraph-kit';
import {
  createTestDatabase,
  deleteKeys,
  TEST_SECRET,
  testRedisUrl,
  uniquePrefix,
  type TestDatabase,
} from '@opshub/testing';
import {
  createWorkflowServices,
  queueProducer,
  startWorkflowSubgraph,
  WORKFLOW_SUBGRAPH_KEYS,
  type WorkflowServices,
} from '@opshub/workflow';
import {
  DEFAULT_RETENTION,
  opsModule,
  startWorkers,
  workflowModule,
  type RunningWorkers,
} from '@opshub/workers';

type Settings = Record<string, string | undefined>;

/**
 * Each subgraph's real start function (the one its main.ts runs), over the hub's settings; one per
 * entry of SUBGRAPHS (the `satisfies` refuses a list without its start).
 */
const START = {
  ops: (settings: Settings, log: Logger) =>
    startOpsSubgraph({ env: loadEnv(OPS_SUBGRAPH_KEYS, settings), log }),
  alerts: (settings: Settings, log: Logger) =>
    startAlertsSubgraph({ env: loadEnv(ALERTS_SUBGRAPH_KEYS, settings), log }),
  workflow: (settings: Settings, log: Logger) =>
    startWorkflowSubgraph({ env: loadEnv(WORKFLOW_SUBGRAPH_KEYS, settings), log }),
  dcs: (settings: Settings, log: Logger) =>
    startDcsSubgraph({ env: loadEnv(DCS_SUBGRAPH_KEYS, settings), log }),
  dqm: (settings: Settings, log: Logger) =>
    startDqmSubgraph({ env: loadEnv(DQM_SUBGRAPH_KEYS, settings), log }),
} satisfies Record<SubgraphName, (settings: Settings, log: Logger) => Promise<RunningSubgraph>>;

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
  /** The subgraphs behind the gateway, each started by its own start function, by name (a fault test stops one). */
  subgraphs: Record<string, RunningSubgraph>;
  /** Starts subgraph `name` again by its start function, on `port` (where the gateway expects it), after a stop. */
  restartSubgraph(name: SubgraphName, port: number): Promise<RunningSubgraph>;
  /**
   * The workflow's actors (batch helper, pipeline driver…) on the hub's database and Redis prefix, as
   * the workers run them; the subgraph behind the gateway has its own services, as in production. No
   * workers run in-process: tests play the actors through these. The pipeline is instant and never
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
     * The dcs workers will run against the hub (e2e/dcs-stand.ts): commands, always `dcs` queue jobs on
     * the hub's Redis prefix, get the production deadline. Without it they expire after 500 ms.
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

  // The hub's settings, as a process would read them from its environment; each start validates its own.
  const settings: Settings = {
    NODE_ENV: 'test',
    LOG_LEVEL: log.level,
    DATABASE_URL: database.url,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: events.prefix,
    OPSHUB_SECRET: TEST_SECRET,
    SESSION_TTL_HOURS: '1',
    SUBGRAPH_HOST: '127.0.0.1',
    ...Object.fromEntries(SUBGRAPHS.map((s) => [s.portKey, '0'])),
    // Commands are `dcs` queue jobs; without the dcs workers (`dcsCommands`) they expire at once.
    DCS_COMMAND_TIMEOUT_MS: options.dcsCommands ? undefined : '500',
    DQM_PSEUDONYM_KEY: 'e2e-dqm-pseudonyms',
  };
  const servers: Record<string, RunningSubgraph> = {};
  for (const { name } of SUBGRAPHS) servers[name] = await START[name](settings, log);
  const webDist = path.join(ROOT, 'web', 'dist');
  const gateway: RunningGateway = await startGateway({
    env: loadEnv(GATEWAY_KEYS, {
      ...settings,
      GATEWAY_HOST: '127.0.0.1',
      GATEWAY_PORT: '0',
      ...Object.fromEntries(SUBGRAPHS.map((s) => [s.urlKey, servers[s.name]!.url])),
      GATEWAY_SUBGRAPH_TIMEOUT_MS: options.subgraphTimeouts?.queryMs?.toString(),
      GATEWAY_MUTATION_TIMEOUT_MS: options.subgraphTimeouts?.mutationMs?.toString(),
      WEB_DIST: options.web && existsSync(path.join(webDist, 'index.html')) ? webDist : undefined,
    }),
    log,
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
    restartSubgraph: async (name, port) => {
      const subgraph = SUBGRAPHS.find((s) => s.name === name)!;
      return (servers[name] = await START[name]({ ...settings, [subgraph.portKey]: String(port) }, log));
    },
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
      await events.close();
      await db.$disconnect();
      await database.drop();
      // The subgraphs enqueue follow-up jobs and commands whether or not workers ran.
      await deleteKeys(redisUrl, events.prefix).catch(() => undefined);
      await rm(storeDir, { recursive: true, force: true });
    },
  };
}
