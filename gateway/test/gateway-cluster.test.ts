import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { SUBGRAPHS } from '@opshub/config';
import { createDb, type Db } from '@opshub/db';
import { EventBus } from '@opshub/events';
import { startSubgraphServer, type RunningSubgraph } from '@opshub/subgraph-kit';
import {
  createTestDatabase,
  freePort,
  TEST_SECRET,
  type TestDatabase,
  testRedisUrl,
  uniquePrefix,
  waitFor,
} from '@opshub/testing';
import { buildWorkflowSchema, createWorkflowServices } from '@opshub/workflow';
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capturingLogger, gql, startOpsOn } from './harness.js';
import { collect, wsClient } from './ws-client.js';

// The gateway as `npm run up` and the image run it (gateway/src/main.ts, the committed supergraph),
// with GATEWAY_WORKERS=2: a primary and two worker processes on one port, over the real ops and
// workflow subgraphs (in this process); the other subgraphs' URLs lead nowhere.
const ROOT = path.resolve(import.meta.dirname, '../..');
const logs = capturingLogger();
let database: TestDatabase;
let db: Db;
let events: EventBus;
let ops: Awaited<ReturnType<typeof startOpsOn>>;
let workflow: RunningSubgraph;
let primary: ChildProcess;
let exited: Promise<number | null>;
let url: string;
let adminToken: string;
const lines: Record<string, unknown>[] = [];
const clients: Client[] = [];

function startCluster(env: Record<string, string>): ChildProcess {
  const child = spawn(
    process.execPath,
    ['--import', '@swc-node/register/esm-register', 'gateway/src/main.ts'],
    {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let pending = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    pending += chunk.toString();
    const complete = pending.split('\n');
    pending = complete.pop()!;
    for (const line of complete) {
      try {
        lines.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        // not a log line
      }
    }
  });
  return child;
}

const logged = (msg: string) => lines.filter((l) => l['msg'] === msg);
const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

beforeAll(async () => {
  database = await createTestDatabase('gateway-cluster');
  db = createDb(database.url);
  events = await EventBus.connect(testRedisUrl(), uniquePrefix('gateway-cluster'));
  ops = await startOpsOn(db, logs.log);
  const built = await buildWorkflowSchema(createWorkflowServices(db, events, logs.log));
  workflow = await startSubgraphServer({
    name: 'workflow',
    schema: built.schema,
    host: '127.0.0.1',
    port: 0,
    secret: TEST_SECRET,
    log: logs.log,
  });
  const port = await freePort();
  const dead = `http://127.0.0.1:${await freePort()}/graphql`;
  const urls: Record<string, string> = { ops: ops.server.url, workflow: workflow.url };
  primary = startCluster({
    GATEWAY_WORKERS: '2',
    OPSHUB_SECRET: TEST_SECRET,
    REDIS_URL: testRedisUrl(),
    REDIS_PREFIX: uniquePrefix('gateway-cluster'),
    GATEWAY_HOST: '127.0.0.1',
    GATEWAY_PORT: String(port),
    LOG_LEVEL: 'info',
    ...Object.fromEntries(SUBGRAPHS.map((s) => [s.urlKey, urls[s.name] ?? dead])),
  });
  exited = new Promise((resolve) => primary.once('exit', (code) => resolve(code)));
  url = `http://127.0.0.1:${port}/graphql`;
  await waitFor(
    () => logged('gateway cluster ready').length > 0 || undefined,
    'gateway cluster ready',
    90_000,
  );
  await ops.services.users.create({
    username: 'alma',
    password: 'alma-password-1',
    roles: ['ADMIN' as never],
  });
  const login = await gql<{ login: { token: string } }>(
    url,
    'mutation { login(username: "alma", password: "alma-password-1") { token } }',
  );
  adminToken = login.body.data!.login.token;
}, 120_000);

afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  if (primary && primary.exitCode === null) {
    primary.kill('SIGKILL');
    for (const pid of workerPids()) if (alive(pid)) process.kill(pid, 'SIGKILL');
  }
  await workflow?.close();
  await ops?.stop();
  await events?.close();
  await db?.$disconnect();
  await database?.drop();
});

/** Each worker logs "gateway listening" with its pid (pino's base fields). */
const workerPids = (): number[] => [...new Set(logged('gateway listening').map((l) => l['pid'] as number))];

describe('GATEWAY_WORKERS=2 (node:cluster)', () => {
  it('runs two worker processes on the one port, both serving requests', async () => {
    expect(workerPids()).toHaveLength(2);
    expect(workerPids()).not.toContain(primary.pid);
    // A field of a subgraph that is down: each worker that serves one logs the failed fetch with its pid.
    for (let i = 0; i < 8; i++) {
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          connection: 'close',
          authorization: `Bearer ${adminToken}`,
        },
        body: JSON.stringify({ query: '{ me { username } alert(id: "1") { alertId } }' }),
      });
      const body = (await res.json()) as { data?: { me?: { username: string } } };
      expect(body.data?.me?.username, JSON.stringify(body)).toBe('alma');
    }
    await waitFor(
      () => new Set(logged('subgraph fetch failed').map((l) => l['pid'])).size === 2 || undefined,
      'failed fetches logged by both workers',
      10_000,
    );
  });

  it('delivers a subscription event caused by a mutation sent on another connection', async () => {
    const programId = '2015.1.00999.S';
    const client = wsClient(url, adminToken);
    clients.push(client);
    const live = collect(
      client,
      'subscription ($p: String) { ousStateChanged(programId: $p) { ous { id } } }',
      {
        p: programId,
      },
    );
    let n = 0;
    // No "subscribed" signal upstream: create OUSs (over fresh connections, so any worker) until one arrives.
    await waitFor(
      async () => {
        if (live.results.length > 0) return true;
        const res = await gql(
          url,
          'mutation ($p: String!, $id: ID!) { createObsUnitSet(programId: $p, id: $id) { id } }',
          {
            variables: { p: programId, id: `uid://A001/X${Date.now().toString(16)}/X${(n++).toString(16)}` },
            token: adminToken,
          },
        );
        expect(res.body.errors).toBeUndefined();
        return waitFor(() => live.results.length > 0 || undefined, 'an event', 500).catch(() => undefined);
      },
      'ousStateChanged through the cluster',
      20_000,
    );
    expect(live.results[0]?.data?.['ousStateChanged']).toEqual({
      ous: { id: expect.stringMatching(/^uid:/) },
    });
  });

  it('stops every worker gracefully on SIGTERM to the primary, which exits 0', async () => {
    const pids = workerPids();
    primary.kill('SIGTERM');
    expect(await exited).toBe(0);
    for (const pid of pids) expect(alive(pid)).toBe(false);
    expect(logged('gateway worker stopping')).toHaveLength(2);
  }, 30_000);
});
