import { createDb, type Db } from '@opshub/db';
import { EventBus } from '@opshub/events';
import { startSubgraphServer, type RunningSubgraph } from '@opshub/subgraph-kit';
import {
  createTestDatabase,
  TEST_SECRET,
  type TestDatabase,
  testRedisUrl,
  uniquePrefix,
  waitFor,
} from '@opshub/testing';
import { buildWorkflowSchema, createWorkflowServices } from '@opshub/workflow';
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeSupergraph } from '../src/composition.js';
import { createGateway, type RunningGateway } from '../src/create-gateway.js';
import { capturingLogger, gql, startOpsOn } from './harness.js';
import { collect, wsClient } from './ws-client.js';

// Subscriptions through the gateway over the real ops and workflow subgraphs, as /metrics counts them.
const logs = capturingLogger();
let database: TestDatabase;
let db: Db;
let events: EventBus;
let ops: Awaited<ReturnType<typeof startOpsOn>>;
let workflow: RunningSubgraph;
let gateway: RunningGateway;
let adminToken: string;
const clients: Client[] = [];
const PROGRAM = '2016.1.00001.S';

const OUS_CHANGED = `subscription Board($programId: String) {
  ousStateChanged(programId: $programId) { ous { id state } transition { actor { username } } }
}`;

async function scrape(): Promise<string> {
  return (await fetch(`${gateway.adminUrl}/metrics`)).text();
}

const sample = (text: string, series: string): number | undefined => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

let ousCounter = 0;
async function createOus(): Promise<void> {
  const id = `uid://A001/X${Date.now().toString(16)}/M${(ousCounter++).toString(16)}`;
  const res = await gql(
    gateway.url,
    'mutation ($p: String!, $id: ID!) { createObsUnitSet(programId: $p, id: $id) { id } }',
    {
      variables: { p: PROGRAM, id },
      token: adminToken,
    },
  );
  expect(res.body.errors).toBeUndefined();
}

beforeAll(async () => {
  database = await createTestDatabase('gateway-metrics-subs');
  db = createDb(database.url);
  events = await EventBus.connect(testRedisUrl(), uniquePrefix('gateway-metrics'));
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
  gateway = await createGateway({
    supergraphSdl: composeSupergraph([
      { name: 'ops', url: ops.server.url, sdl: ops.sdl },
      { name: 'workflow', url: workflow.url, sdl: built.sdl },
    ]).supergraphSdl,
    subgraphUrls: { ops: ops.server.url, workflow: workflow.url },
    secret: TEST_SECRET,
    log: logs.log,
    metricsAccess: { adminPort: 0 },
  });
  await ops.services.users.create({
    username: 'alma',
    password: 'alma-password-1',
    roles: ['ADMIN' as never],
  });
  const login = await gql<{ login: { token: string } }>(
    gateway.url,
    'mutation { login(username: "alma", password: "alma-password-1") { token } }',
  );
  adminToken = login.body.data!.login.token;
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await gateway?.close();
  await workflow?.close();
  await ops?.stop();
  await events?.close();
  await db?.$disconnect();
  await database?.drop();
});

describe('/metrics of subscriptions', () => {
  it('counts open subscriptions and each event delivered to each subscriber, and the close', async () => {
    expect(sample(await scrape(), 'opshub_gateway_active_subscriptions')).toBe(0);
    const subscribers = [0, 1].map(() => {
      const c = wsClient(gateway.url, adminToken);
      clients.push(c);
      return collect(c, OUS_CHANGED, { programId: PROGRAM });
    });
    await waitFor(
      async () => sample(await scrape(), 'opshub_gateway_active_subscriptions') === 2 || undefined,
      'two open subscriptions',
    );
    // The upstream subscription has no "ready" signal: create OUSs until both subscribers have one.
    await waitFor(
      async () => {
        if (subscribers.every((s) => s.results.length > 0)) return true;
        await createOus();
        return undefined;
      },
      'an event at both subscribers',
      20_000,
    );
    const received = subscribers.reduce((n, s) => n + s.results.length, 0);
    const text = await scrape();
    expect(sample(text, 'opshub_gateway_subscription_events_total')).toBeGreaterThanOrEqual(received);
    expect(sample(text, 'opshub_gateway_requests_total{operation="subscription",outcome="ok"}')).toBe(2);

    for (const s of subscribers) s.unsubscribe();
    await waitFor(
      async () => sample(await scrape(), 'opshub_gateway_active_subscriptions') === 0 || undefined,
      'the subscriptions closed',
    );
  });
});
