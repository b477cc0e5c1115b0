import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Principal } from '@opshub/auth';
import { createLogger } from '@opshub/config';
import { createDb, type Db } from '@opshub/db';
import { EventBus } from '@opshub/events';
import { createBullConnection } from '@opshub/jobs';
import {
  createTestDatabase,
  deleteKeys,
  type TestDatabase,
  testRedisUrl,
  uniquePrefix,
} from '@opshub/testing';
import {
  buildWorkflowSchema,
  createWorkflowServices,
  queueProducer,
  type WorkflowServices,
} from '@opshub/workflow';
import { graphql, type GraphQLSchema } from 'graphql';
import {
  startWorkers,
  workflowModule,
  type RunningWorkers,
  type WorkflowWorkerSettings,
} from '../src/index.js';

export const ADMIN: Principal = {
  id: '00000000-0000-4000-8000-00000000000a',
  username: 'admin',
  roles: ['ADMIN'] as never,
};
export const OPERATOR: Principal = {
  id: '00000000-0000-4000-8000-00000000000b',
  username: 'operator',
  roles: ['OPERATOR'] as never,
};

export interface WorkflowHarness {
  db: Db;
  workers: RunningWorkers;
  /** The services the workers run on (same database, same store). */
  actors: WorkflowServices;
  /** The subgraph's side: services with their own BullMQ producer, and the schema over them. */
  api: WorkflowServices;
  schema: GraphQLSchema;
  settings: WorkflowWorkerSettings;
  /** Runs one operation as `user`, failing the test on any error. */
  run<T = Record<string, unknown>>(
    user: Principal,
    source: string,
    variables?: Record<string, unknown>,
  ): Promise<T>;
  /** Same, returning the errors instead of throwing. */
  attempt(
    user: Principal,
    source: string,
    variables?: Record<string, unknown>,
  ): Promise<{
    data?: unknown;
    errors?: readonly { message: string; extensions?: Record<string, unknown> }[];
  }>;
  stop(): Promise<void>;
}

/**
 * The workflow's workers in-process over a fresh database, a Redis prefix and a product store in a
 * temporary directory of their own, plus the subgraph's services and schema beside them.
 */
export async function startWorkflowHarness(
  overrides: Partial<WorkflowWorkerSettings> & { seed: string },
): Promise<WorkflowHarness> {
  const log = createLogger('workflow-test', 'silent');
  const database: TestDatabase = await createTestDatabase('wfworkers');
  const db = createDb(database.url);
  const prefix = uniquePrefix('wf');
  const dir = await mkdtemp(path.join(tmpdir(), 'opshub-wf-'));
  const events = await EventBus.connect(testRedisUrl(), prefix);
  const settings: WorkflowWorkerSettings = {
    productRoot: path.join(dir, 'products'),
    archiveRoot: path.join(dir, 'archive'),
    pipelineMs: 0,
    failureRate: 0.1,
    pipelineConcurrency: 2,
    demo: { enabled: false, everyMs: 60_000 },
    ...overrides,
  };
  let actors: WorkflowServices | undefined;
  const workers = await startWorkers({
    env: {
      DATABASE_URL: database.url,
      REDIS_URL: testRedisUrl(),
      REDIS_PREFIX: prefix,
      SESSION_TTL_HOURS: 12,
      WORKER_SHUTDOWN_MS: 5_000,
      LOG_LEVEL: 'silent',
    },
    log,
    modules: [workflowModule({ ...settings, events, onServices: (s) => (actors = s) })],
    schedules: [],
  });
  const producer = queueProducer(testRedisUrl(), prefix);
  const api = createWorkflowServices(db, events, log, {
    jobs: producer.jobs,
    seed: settings.seed,
    store: { productRoot: settings.productRoot, archiveRoot: settings.archiveRoot },
  });
  const { schema } = await buildWorkflowSchema(api);
  const attempt: WorkflowHarness['attempt'] = async (user, source, variables = {}) =>
    graphql({ schema, source, variableValues: variables, contextValue: { user, requestId: 'test', log } });
  return {
    db,
    workers,
    actors: actors!,
    api,
    schema,
    settings,
    attempt,
    run: async <T>(user: Principal, source: string, variables: Record<string, unknown> = {}) => {
      const result = await attempt(user, source, variables);
      if (result.errors?.length)
        throw new Error(`${source.trim().split('\n')[0]}: ${result.errors.map((e) => e.message).join('; ')}`);
      return result.data as T;
    },
    stop: async () => {
      await workers.stop();
      await producer.close();
      await events.close();
      const connection = createBullConnection(testRedisUrl());
      await deleteKeys(connection, prefix);
      await connection.quit();
      await db.$disconnect();
      await database.drop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
