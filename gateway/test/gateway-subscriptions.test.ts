import { encodeRevocation, revocationChannel } from '@opshub/auth';
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
import { createClient as createRedis } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeSupergraph } from '../src/composition.js';
import { createGateway, type RunningGateway } from '../src/create-gateway.js';
import { capturingLogger, gql, startOpsOn } from './harness.js';
import { closeCodeOf, collect, wsClient } from './ws-client.js';

const logs = capturingLogger();
let database: TestDatabase;
let db: Db;
let events: EventBus;
let ops: Awaited<ReturnType<typeof startOpsOn>>;
let workflow: RunningSubgraph;
let gateway: RunningGateway;
let adminToken: string;
const clients: Client[] = [];
const revocationPrefix = uniquePrefix('gateway-revocations');

const OUS_CHANGED = `subscription ($programId: String) {
  ousStateChanged(programId: $programId) { ous { id state } transition { actor { username } } }
}`;

const client = (token?: string): Client => {
  const c = wsClient(gateway.url, token);
  clients.push(c);
  return c;
};

/** The OUS id an `ousStateChanged` result is about. */
const ousIdOf = (result: { data?: Record<string, unknown> | null }): string | undefined =>
  (result.data?.['ousStateChanged'] as { ous?: { id?: string } } | undefined)?.ous?.id;

let ousCounter = 0;
async function createOus(programId: string): Promise<string> {
  const id = `uid://A001/X${Date.now().toString(16)}/X${(ousCounter++).toString(16)}`;
  const res = await gql(
    gateway.url,
    'mutation ($p: String!, $id: ID!) { createObsUnitSet(programId: $p, id: $id) { id } }',
    {
      variables: { p: programId, id },
      token: adminToken,
    },
  );
  expect(res.body.errors).toBeUndefined();
  return id;
}

beforeAll(async () => {
  database = await createTestDatabase('gateway-subs');
  db = createDb(database.url);
  events = await EventBus.connect(testRedisUrl(), uniquePrefix('gateway'));
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
    sockets: { revocations: { redisUrl: testRedisUrl(), redisPrefix: revocationPrefix } },
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

describe('subscriptions through the gateway', () => {
  it('delivers ousStateChanged for a createObsUnitSet within 1 s, with the actor resolved by ops', async () => {
    const programId = '2015.1.00657.S';
    const live = collect(client(adminToken), OUS_CHANGED, { programId });
    // The upstream subscription has no "ready" signal: create OUSs until one arrives, then measure.
    await waitFor(
      async () => {
        if (live.results.length > 0) return true;
        await createOus(programId);
        return waitFor(() => live.results.length > 0 || undefined, 'live.results.length > 0', 300).catch(
          () => undefined,
        );
      },
      'a first ousStateChanged event',
      10_000,
    );
    expect(live.error).toBeUndefined();

    const seen = live.results.length;
    const started = performance.now();
    const id = await createOus(programId);
    const result = await waitFor(
      () => live.results.slice(seen).find((r) => ousIdOf(r) === id),
      'live.results.slice(seen).find((r) => ousIdOf(r) === id)',
      1_000,
    );
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(result).toEqual({
      data: {
        ousStateChanged: {
          ous: { id, state: 'READY_FOR_PROCESSING' },
          transition: { actor: { username: 'alma' } },
        },
      },
    });
    expect(gateway.metrics.active).toBeGreaterThanOrEqual(1);
    live.unsubscribe();
    await waitFor(() => gateway.metrics.active === 0 || undefined, 'gateway.metrics.active === 0', 2_000);
  });

  it('filters with the variables the client sent', async () => {
    const live = collect(client(adminToken), OUS_CHANGED, { programId: '2016.1.00001.S' });
    await waitFor(
      async () => {
        if (live.results.length > 0) return true;
        await createOus('2016.1.00001.S');
        return waitFor(() => live.results.length > 0 || undefined, 'live.results.length > 0', 300).catch(
          () => undefined,
        );
      },
      'a first ousStateChanged event',
      10_000,
    );
    const seen = live.results.length;
    await createOus('2099.1.99999.S');
    const wanted = await createOus('2016.1.00001.S');
    await waitFor(
      () => live.results.slice(seen).find((r) => ousIdOf(r) === wanted),
      'live.results.slice(seen).find((r) => ousIdOf(r) === wanted)',
      2_000,
    );
    expect(live.results.slice(seen).every((r) => !JSON.stringify(r).includes('2099'))).toBe(true);
    live.unsubscribe();
  });

  it('closes a connection with a bad token with 4401', async () => {
    const refused = collect(client('ohs_not-a-token'), OUS_CHANGED);
    const error = await waitFor(
      () => refused.error as { code?: number; reason?: string } | undefined,
      'the refusal',
      2_000,
    );
    expect(error.code).toBe(4401);
    expect(error.reason).toBe('Unauthorized');
  });

  it('closes an anonymous connection with 4401 before anything is subscribed', async () => {
    const anonymous = collect(client(), OUS_CHANGED);
    await waitFor(() => anonymous.error, 'anonymous.error', 5_000);
    expect(closeCodeOf(anonymous.error)).toBe(4401);
    expect(anonymous.results).toEqual([]);
    expect(gateway.metrics.active).toBe(0);
  });

  it("closes a signed-out user's socket within 2 s of the revocation; another user's keeps streaming", async () => {
    const programId = '2018.1.00003.S';
    const signIn = async (username: string): Promise<{ token: string; id: string }> => {
      const user = await ops.services.users.create({
        username,
        password: `${username}-password-1`,
        roles: ['VIEWER' as never],
      });
      const login = await gql<{ login: { token: string } }>(
        gateway.url,
        'mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { token } }',
        { variables: { u: username, p: `${username}-password-1` } },
      );
      return { token: login.body.data!.login.token, id: user.id };
    };
    const vera = await signIn('vera');
    const walt = await signIn('walt');
    const veraLive = collect(client(vera.token), OUS_CHANGED, { programId });
    const waltLive = collect(client(walt.token), OUS_CHANGED, { programId });
    await waitFor(
      async () => {
        if (veraLive.results.length > 0 && waltLive.results.length > 0) return true;
        await createOus(programId);
        return waitFor(
          () => (veraLive.results.length > 0 && waltLive.results.length > 0) || undefined,
          '(veraLive.results.length > 0 && waltLive.results.length > 0)',
          300,
        ).catch(() => undefined);
      },
      'a first event on both subscriptions',
      10_000,
    );

    const redis = createRedis({ url: testRedisUrl() });
    await redis.connect();
    try {
      expect(await ops.services.sessions.logout(vera.token, vera.id)).toBe(true);
      const published = performance.now();
      await redis.publish(
        revocationChannel(revocationPrefix),
        encodeRevocation({ userId: vera.id, reason: 'logout' }),
      );
      await waitFor(() => veraLive.error, 'veraLive.error', 2_000);
      expect(performance.now() - published).toBeLessThan(2_000);
      expect(closeCodeOf(veraLive.error)).toBe(4401);
    } finally {
      redis.destroy();
    }
    const seen = waltLive.results.length;
    const id = await createOus(programId);
    await waitFor(
      () => waltLive.results.slice(seen).find((r) => ousIdOf(r) === id),
      'waltLive.results.slice(seen).find((r) => ousIdOf(r) === id)',
      2_000,
    );
    expect(waltLive.error).toBeUndefined();
    waltLive.unsubscribe();
  });

  it('refuses invalid and too complex subscriptions before opening anything upstream', async () => {
    const invalid = collect(client(adminToken), 'subscription { ousStateChanged { nope } }');
    const validation = await waitFor(
      () => invalid.error as { extensions?: { code?: string } }[] | undefined,
      "the invalid subscription's error",
      2_000,
    );
    expect(validation[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');

    const aliases = Array.from({ length: 31 }, (_, i) => `a${i}: eventId`).join(' ');
    const complex = collect(client(adminToken), `subscription { ousStateChanged { ${aliases} } }`);
    const tooComplex = await waitFor(
      () => complex.error as { extensions?: { code?: string } }[] | undefined,
      "the complex subscription's error",
      2_000,
    );
    expect(tooComplex[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');

    const query = collect(client(adminToken), '{ me { username } }');
    const notSubscription = await waitFor(
      () => query.error as { extensions?: { code?: string } }[] | undefined,
      "the query's error",
      2_000,
    );
    expect(notSubscription[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('sends a retryable UPSTREAM_UNAVAILABLE and completes when the subgraph goes away', async () => {
    const live = collect(client(adminToken), OUS_CHANGED, { programId: '2017.1.00002.S' });
    await waitFor(
      async () => {
        if (live.results.length > 0) return true;
        await createOus('2017.1.00002.S');
        return waitFor(() => live.results.length > 0 || undefined, 'live.results.length > 0', 300).catch(
          () => undefined,
        );
      },
      'a first ousStateChanged event',
      10_000,
    );
    await workflow.close();
    await waitFor(() => live.completed || undefined, 'live.completed', 5_000);
    const last = live.results.at(-1);
    expect(last?.errors?.[0]?.extensions).toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
      subgraph: 'workflow',
    });
    expect(last?.errors?.[0]?.message).not.toMatch(/127\.0\.0\.1|ECONNREFUSED/);
    await waitFor(() => gateway.metrics.active === 0 || undefined, 'gateway.metrics.active === 0', 2_000);
  });
});
