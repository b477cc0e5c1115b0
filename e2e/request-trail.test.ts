// One request id from the gateway through the subgraph to the job it enqueued: a createObsUnitSet
// mutation through the real gateway, the real ops and workflow subgraphs and the real workers (the
// batch helper's `assign-recipe` job), each process with a JSON logger of its own, read back line by line.
import 'reflect-metadata';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { createLogger, loadEnv, SUBGRAPHS, type Logger } from '@opshub/config';
import { createDb, type Db } from '@opshub/db';
import { EventBus } from '@opshub/events';
import { GATEWAY_KEYS, startGateway, type RunningGateway } from '@opshub/gateway';
import { createOpsServices, OPS_SUBGRAPH_KEYS, Role, startOpsSubgraph } from '@opshub/ops';
import type { RunningSubgraph } from '@opshub/subgraph-kit';
import {
  createTestDatabase,
  deleteKeys,
  freePort,
  TEST_SECRET,
  testRedisUrl,
  uniquePrefix,
  waitFor,
  type TestDatabase,
} from '@opshub/testing';
import { startWorkflowSubgraph, WORKFLOW_SUBGRAPH_KEYS } from '@opshub/workflow';
import {
  DEFAULT_RETENTION,
  opsModule,
  startWorkers,
  workflowModule,
  type RunningWorkers,
} from '@opshub/workers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

type Line = Record<string, unknown>;

/** A process's logger, as `createLogger` makes it, writing its JSON lines where the test reads them. */
function jsonLogger(name: string): { log: Logger; lines: Line[] } {
  const lines: Line[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString().split('\n')) if (l.trim()) lines.push(JSON.parse(l) as Line);
      done();
    },
  });
  return { log: createLogger(name, 'info', sink), lines };
}

const gatewayLog = jsonLogger('gateway');
const workflowLog = jsonLogger('workflow');
const opsLog = jsonLogger('ops');
const workersLog = jsonLogger('workers');
let database: TestDatabase;
let db: Db;
let events: EventBus;
let storeDir: string;
let ops: RunningSubgraph;
let workflow: RunningSubgraph;
let gateway: RunningGateway;
let workers: RunningWorkers;
let token: string;

beforeAll(async () => {
  database = await createTestDatabase('e2e-request-trail');
  db = createDb(database.url);
  const redisUrl = testRedisUrl();
  events = await EventBus.connect(redisUrl, uniquePrefix('trail'));
  storeDir = await mkdtemp(path.join(tmpdir(), 'opshub-trail-'));
  const settings = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    DATABASE_URL: database.url,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: events.prefix,
    OPSHUB_SECRET: TEST_SECRET,
    SESSION_TTL_HOURS: '1',
    SUBGRAPH_HOST: '127.0.0.1',
    OPS_PORT: '0',
    WORKFLOW_PORT: '0',
  };
  ops = await startOpsSubgraph({ env: loadEnv(OPS_SUBGRAPH_KEYS, settings), log: opsLog.log });
  workflow = await startWorkflowSubgraph({
    env: loadEnv(WORKFLOW_SUBGRAPH_KEYS, settings),
    log: workflowLog.log,
  });
  const nowhere = `http://127.0.0.1:${await freePort()}/graphql`;
  const urls: Record<string, string> = { ops: ops.url, workflow: workflow.url };
  gateway = await startGateway({
    env: loadEnv(GATEWAY_KEYS, {
      ...settings,
      GATEWAY_PORT: '0',
      GATEWAY_WORKERS: '1',
      ...Object.fromEntries(SUBGRAPHS.map((s) => [s.urlKey, urls[s.name] ?? nowhere])),
    }),
    log: gatewayLog.log,
  });
  workers = await startWorkers({
    env: {
      DATABASE_URL: database.url,
      REDIS_URL: redisUrl,
      REDIS_PREFIX: events.prefix,
      SESSION_TTL_HOURS: 1,
      WORKER_SHUTDOWN_MS: 5_000,
      LOG_LEVEL: 'info',
    },
    log: workersLog.log,
    modules: [
      opsModule(DEFAULT_RETENTION),
      workflowModule({
        productRoot: path.join(storeDir, 'products'),
        archiveRoot: path.join(storeDir, 'archive'),
        pipelineMs: 0,
        failureRate: 0,
        pipelineConcurrency: 1,
        seed: 'trail',
        demo: { enabled: false, everyMs: 60_000 },
        events,
      }),
    ],
    schedules: [],
  });
  const services = createOpsServices(db, { sessionTtlHours: 1 });
  await services.users.create({ username: 'alma', password: 'alma-password-1', roles: [Role.ADMIN] });
  token = (await services.sessions.login('alma', 'alma-password-1')).token;
}, 120_000);

afterAll(async () => {
  await workers?.stop();
  await gateway?.close();
  await workflow?.close();
  await ops?.close();
  await events?.close();
  await db?.$disconnect();
  await database?.drop();
  await deleteKeys(testRedisUrl(), events.prefix).catch(() => undefined);
  await rm(storeDir, { recursive: true, force: true });
}, 60_000);

describe('one request id from the gateway to the job', () => {
  it('is on the gateway line, the subgraph line and the worker lines of the job the mutation enqueued', async () => {
    const res = await fetch(gateway.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        'x-request-id': 'client-trace-0001',
      },
      body: JSON.stringify({
        query:
          'mutation Create($p: String!, $id: ID!) { createObsUnitSet(programId: $p, id: $id) { id state } }',
        variables: { p: '2019.1.05678.S', id: 'uid://A002/X9/T1' },
      }),
    });
    const body = (await res.json()) as { data?: { createObsUnitSet: { state: string } }; errors?: unknown[] };
    expect(body.errors).toBeUndefined();
    const rid = res.headers.get('x-request-id')!;
    expect(rid).toMatch(/^[0-9a-f-]{36}$/);

    // The gateway's access line, with the client's own id beside ours.
    expect(gatewayLog.lines).toContainEqual(
      expect.objectContaining({
        service: 'gateway',
        rid,
        clientRequestId: 'client-trace-0001',
        msg: 'graphql operation',
        operation: 'Create',
        type: 'mutation',
        outcome: 'ok',
      }),
    );
    // The workflow subgraph's line for the fetch the gateway made for it.
    expect(workflowLog.lines).toContainEqual(
      expect.objectContaining({ service: 'workflow', rid, msg: 'graphql operation', type: 'mutation' }),
    );
    // The batch helper's job, enqueued by that mutation, started and completed under the same id.
    const completed = await waitFor(
      () =>
        workersLog.lines.find(
          (l) => l['rid'] === rid && l['job'] === 'assign-recipe' && l['msg'] === 'job completed',
        ),
      'the assign-recipe job to complete',
      30_000,
    );
    expect(completed).toEqual(expect.objectContaining({ service: 'workers', queue: 'workflow-recipe' }));
    expect(workersLog.lines).toContainEqual(
      expect.objectContaining({ rid, job: 'assign-recipe', msg: 'job started', jobId: completed['jobId'] }),
    );
    // The job itself carries the id in its options (what an admin sees on the job).
    const job = await workers.queue('workflow-recipe').getJob(String(completed['jobId']));
    expect((job?.opts as { requestId?: string }).requestId).toBe(rid);
    // No other request's id leaked onto these lines.
    const ids = new Set(
      [...workflowLog.lines, ...workersLog.lines].map((l) => l['rid']).filter((r) => r !== undefined),
    );
    expect(ids).toEqual(new Set([rid]));
  });
});
