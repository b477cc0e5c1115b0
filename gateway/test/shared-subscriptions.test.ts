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
import type { SharingStats } from '../src/subscriptions/hub.js';
import { capturingLogger, gql, startOpsOn } from './harness.js';
import { collect, wsClient, type Collected } from './ws-client.js';

// Shared subscriptions through the real workflow and ops subgraphs (Postgres, Redis): subscribers
// with the same operation, variables and authorisation scope share one upstream subscription and
// one plan execution per event, counted by the gateway's sharing counters.
const logs = capturingLogger();
let database: TestDatabase;
let db: Db;
let events: EventBus;
let ops: Awaited<ReturnType<typeof startOpsOn>>;
let workflow: RunningSubgraph;
let gateway: RunningGateway;
const clients: Client[] = [];
const tokens: Record<'alma' | 'vera' | 'walt', string> = { alma: '', vera: '', walt: '' };

const ACTOR = `subscription ($programId: String) {
  ousStateChanged(programId: $programId) { ous { id state } transition { from to actor { username } } }
}`;
const ACTIONS = `subscription ($programId: String) {
  ousStateChanged(programId: $programId) { ous { id availableActions { action allowed blockedBy } } }
}`;
const ACTOR_ROLES = `subscription ($programId: String) {
  ousStateChanged(programId: $programId) { ous { id } transition { actor { username roles } } }
}`;

const RESUME = `subscription ($programId: String, $after: String) {
  ousStateChanged(programId: $programId, after: $after) { eventId ous { id } }
}`;

const stats = (): SharingStats => gateway.metrics.sharing();
const subscriber = (token: string, query: string, programId: string, more: object = {}): Collected => {
  const c = wsClient(gateway.url, token);
  clients.push(c);
  return collect(c, query, { programId, ...more });
};
const ousIdOf = (result: Collected['results'][number]): string | undefined =>
  (result.data?.['ousStateChanged'] as { ous?: { id?: string } } | undefined)?.ous?.id;

let ousCounter = 0;
async function createOus(programId: string): Promise<string> {
  const id = `uid://A002/X${Date.now().toString(16)}/X${(ousCounter++).toString(16)}`;
  const res = await gql(
    gateway.url,
    'mutation ($p: String!, $id: ID!) { createObsUnitSet(programId: $p, id: $id) { id } }',
    { variables: { p: programId, id }, token: tokens.alma },
  );
  expect(res.body.errors).toBeUndefined();
  return id;
}

/** Creates OUSs until every subscriber got one (upstream subscriptions have no "ready" signal). */
async function warmUp(programId: string, live: Collected[]): Promise<void> {
  const ready = () => live.every((l) => l.results.length > 0) || undefined;
  await waitFor(
    async () => {
      if (ready()) return true;
      await createOus(programId);
      return waitFor(ready, 'every subscriber has a result', 500).catch(() => undefined);
    },
    'a first event at every subscriber',
    15_000,
  );
}

/** Creates one OUS and waits until every subscriber has its result; the results, in `live`'s order. */
async function oneEvent(programId: string, live: Collected[]): Promise<Collected['results']> {
  const id = await createOus(programId);
  return waitFor(
    () => {
      const found = live.map((l) => l.results.find((r) => ousIdOf(r) === id));
      return found.every(Boolean) ? (found as Collected['results']) : undefined;
    },
    `OUS ${id} at every subscriber`,
    5_000,
  );
}

beforeAll(async () => {
  database = await createTestDatabase('gateway-shared-subs');
  db = createDb(database.url);
  events = await EventBus.connect(testRedisUrl(), uniquePrefix('gateway-shared'));
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
  const { supergraphSdl } = composeSupergraph([
    { name: 'ops', url: ops.server.url, sdl: ops.sdl },
    { name: 'workflow', url: workflow.url, sdl: built.sdl },
  ]);
  gateway = await createGateway({
    supergraphSdl,
    subgraphUrls: { ops: ops.server.url, workflow: workflow.url },
    secret: TEST_SECRET,
    log: logs.log,
  });
  for (const [username, role] of [
    ['alma', 'ADMIN'],
    ['vera', 'VIEWER'],
    ['walt', 'VIEWER'],
  ] as const) {
    await ops.services.users.create({ username, password: `${username}-password-1`, roles: [role as never] });
    const login = await gql<{ login: { token: string } }>(
      gateway.url,
      'mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { token } }',
      { variables: { u: username, p: `${username}-password-1` } },
    );
    tokens[username] = login.body.data!.login.token;
  }
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

describe('shared subscriptions', () => {
  it('20 subscribers of one operation: one upstream subscription, one plan execution and one _entities call per event', async () => {
    const programId = '2019.1.00020.S';
    const before = stats();
    // Two users of the same role, each on their own sockets: the operation does not depend on who asks.
    const live = Array.from({ length: 20 }, (_, i) =>
      subscriber(i % 2 ? tokens.vera : tokens.walt, ACTOR, programId),
    );
    await warmUp(programId, live);
    expect(stats().upstreamSubscriptions - before.upstreamSubscriptions).toBe(1);

    const at = stats();
    const results = await oneEvent(programId, live);
    const after = stats();
    expect(after.planExecutions - at.planExecutions).toBe(1);
    expect(after.entityCalls - at.entityCalls).toBe(1);
    expect(after.deliveries - at.deliveries).toBe(20);
    expect(new Set(results.map((r) => JSON.stringify(r))).size).toBe(1);
    expect(results[0]).toMatchObject({
      data: {
        ousStateChanged: {
          ous: { state: 'READY_FOR_PROCESSING' },
          transition: { actor: { username: 'alma' } },
        },
      },
    });
    expect(live.every((l) => l.error === undefined)).toBe(true);

    for (const l of live) l.unsubscribe();
    await waitFor(() => stats().groups === 0 || undefined, 'every shared subscription closed', 5_000);
    expect(stats().upstreamSockets).toBe(0);
    expect(gateway.metrics.active).toBe(0);
  });

  it('users whose roles differ never share: a VIEWER sees its own role-refused actions, an ADMIN its own', async () => {
    const programId = '2019.1.00021.S';
    const before = stats();
    const [vera, walt, alma] = [
      subscriber(tokens.vera, ACTIONS, programId),
      subscriber(tokens.walt, ACTIONS, programId),
      subscriber(tokens.alma, ACTIONS, programId),
    ];
    await warmUp(programId, [vera, walt, alma]);
    // vera and walt (both VIEWER) share; alma (ADMIN) has her own.
    expect(stats().upstreamSubscriptions - before.upstreamSubscriptions).toBe(2);

    const [veraResult, waltResult, almaResult] = await oneEvent(programId, [vera, walt, alma]);
    type Action = { action: string; allowed: boolean; blockedBy: string | null };
    const actions = (r: Collected['results'][number] | undefined): Action[] =>
      (r?.data?.['ousStateChanged'] as { ous: { availableActions: Action[] } }).ous.availableActions;
    expect(actions(veraResult).some((a) => a.blockedBy === 'ROLE')).toBe(true);
    expect(actions(veraResult).some((a) => a.allowed)).toBe(false);
    expect(actions(almaResult).some((a) => a.blockedBy === 'ROLE')).toBe(false);
    expect(actions(almaResult).some((a) => a.allowed)).toBe(true);
    expect(waltResult).toEqual(veraResult);
    for (const l of [vera, walt, alma]) l.unsubscribe();
  });

  it('a field that depends on who asks (User.roles: ADMIN or self) is never shared between users', async () => {
    const programId = '2019.1.00022.S';
    const before = stats();
    const [vera, walt, alma] = [
      subscriber(tokens.vera, ACTOR_ROLES, programId),
      subscriber(tokens.walt, ACTOR_ROLES, programId),
      subscriber(tokens.alma, ACTOR_ROLES, programId),
    ];
    await warmUp(programId, [vera, walt, alma]);
    // Same role, different users: each has a subscription of their own.
    expect(stats().upstreamSubscriptions - before.upstreamSubscriptions).toBe(3);

    const [veraResult, waltResult, almaResult] = await oneEvent(programId, [vera, walt, alma]);
    // The actor is alma: she (ADMIN, and herself) reads her roles; the VIEWERs are refused them.
    expect(almaResult?.data).toMatchObject({
      ousStateChanged: { transition: { actor: { username: 'alma', roles: ['ADMIN'] } } },
    });
    for (const viewer of [veraResult, waltResult]) {
      expect(JSON.stringify(viewer?.data)).not.toContain('ADMIN');
      expect(viewer?.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    }
    for (const l of [vera, walt, alma]) l.unsubscribe();
  });

  it('a subscription that resumes (after) replays its own backlog: never joined to another', async () => {
    const programId = '2019.1.00023.S';
    const live = subscriber(tokens.vera, RESUME, programId);
    await warmUp(programId, [live]);
    const from = (live.results[0]?.data?.['ousStateChanged'] as { eventId: string }).eventId;
    const [missed] = await oneEvent(programId, [live]);
    const missedId = ousIdOf(missed!);
    const before = stats();
    const first = subscriber(tokens.vera, RESUME, programId, { after: from });
    await waitFor(() => first.results.find((r) => ousIdOf(r) === missedId), 'the replay at the first', 5_000);
    const second = subscriber(tokens.walt, RESUME, programId, { after: from });
    await waitFor(
      () => second.results.find((r) => ousIdOf(r) === missedId),
      'the replay at the second',
      5_000,
    );
    expect(stats().upstreamSubscriptions - before.upstreamSubscriptions).toBe(2);
    for (const l of [live, first, second]) l.unsubscribe();
  });
});
