import { setTimeout as delay } from 'node:timers/promises';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { encodeRevocation, revocationChannel, type Principal } from '@opshub/auth';
import { startSubgraphServer, type RunningSubgraph } from '@opshub/subgraph-kit';
import { TEST_SECRET, testRedisUrl, uniquePrefix, waitFor } from '@opshub/testing';
import express from 'express';
import { parse } from 'graphql';
import type { Client } from 'graphql-ws';
import { createClient as createRedis } from 'redis';
import type WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeSupergraph } from '../src/composition.js';
import { createGateway, type RunningGateway } from '../src/create-gateway.js';
import { capturingLogger, gql } from './harness.js';
import { closeCodeOf, collect, rawSocket, wsClient } from './ws-client.js';

// Stub subgraphs on the real wire: "ops" answers /internal/authenticate from a table the test
// edits (a token revoked, roles changed, an expiry), "feed" streams ticks at a chosen rate and size.
const FEDERATION = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])';
const OPS_SDL = `${FEDERATION}\ntype Query { ping: String }`;
const FEED_SDL = `${FEDERATION}
type Query { feedName: String }
type Tick { n: Int! pad: String! }
type Subscription { tick(everyMs: Int, padBytes: Int): Tick! }`;
const TICK =
  'subscription ($everyMs: Int, $padBytes: Int) { tick(everyMs: $everyMs, padBytes: $padBytes) { n pad } }';

const logs = capturingLogger();
const redisPrefix = uniquePrefix('gateway-sockets');
const tokens = new Map<string, { user: Principal; expiresAt?: string }>();
const alice: Principal = { id: 'u-alice', username: 'alice', roles: ['VIEWER'] };
const bob: Principal = { id: 'u-bob', username: 'bob', roles: ['VIEWER'] };
/** Upstream connections the feed saw (each has its own signed request id) and subscriptions open. */
const feedConnections = new Set<string>();
let feedOpen = 0;

let ops: RunningSubgraph;
let feed: RunningSubgraph;
let feedPort: number;
let supergraphSdl: string;
let gateway: RunningGateway;
const clients: Client[] = [];

const client = (token?: string, options: Parameters<typeof wsClient>[2] = {}): Client => {
  const c = wsClient(gateway.url, token, options);
  clients.push(c);
  return c;
};

async function startFeed(port = 0): Promise<RunningSubgraph> {
  const schema = buildSubgraphSchema({
    typeDefs: parse(FEED_SDL),
    resolvers: {
      Subscription: {
        tick: {
          subscribe: async function* (
            _: unknown,
            args: { everyMs?: number | null; padBytes?: number | null },
            context: { requestId: string },
          ) {
            feedConnections.add(context.requestId);
            feedOpen++;
            try {
              const pad = 'x'.repeat(args.padBytes ?? 0);
              for (let n = 0; ; n++) {
                // The stream's own pace (not a wait for a condition): as fast as it is read, or a rate.
                await (args.everyMs ? delay(args.everyMs) : new Promise((r) => setImmediate(r)));
                yield { tick: { n, pad } };
              }
            } finally {
              feedOpen--;
            }
          },
        },
      },
    } as never,
  });
  return startSubgraphServer({
    name: 'feed',
    schema,
    host: '127.0.0.1',
    port,
    secret: TEST_SECRET,
    log: logs.log,
  });
}

beforeAll(async () => {
  tokens.set('alice-token', { user: alice });
  tokens.set('bob-token', { user: bob });
  ops = await startSubgraphServer({
    name: 'ops',
    schema: buildSubgraphSchema({ typeDefs: parse(OPS_SDL), resolvers: { Query: { ping: () => 'pong' } } }),
    host: '127.0.0.1',
    port: 0,
    secret: TEST_SECRET,
    log: logs.log,
    routes: (app) => {
      app.post('/internal/authenticate', express.json(), (req, res) => {
        const entry = tokens.get((req.body as { token: string }).token);
        res.json(entry ?? { user: null });
      });
    },
  });
  feed = await startFeed();
  feedPort = Number(new URL(feed.url).port);
  ({ supergraphSdl } = composeSupergraph([
    { name: 'ops', url: ops.url, sdl: OPS_SDL },
    { name: 'feed', url: feed.url, sdl: FEED_SDL },
  ]));
  gateway = await createGateway({
    supergraphSdl,
    subgraphUrls: { ops: ops.url, feed: feed.url },
    secret: TEST_SECRET,
    log: logs.log,
    sockets: { revocations: { redisUrl: testRedisUrl(), redisPrefix } },
  });
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await gateway?.close();
  await feed?.close();
  await ops?.close();
});

describe('gateway WebSocket bounds (H5)', () => {
  it('closes a client that stops reading with 1013, keeping heap growth under 50 MB', async () => {
    let socket: WebSocket | undefined;
    const live = collect(client('alice-token', { onSocket: (s) => (socket = s) }), TICK, { padBytes: 4096 });
    await waitFor(() => live.results.length > 0 || undefined, 'live.results.length > 0', 5_000);
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().heapUsed);
    }, 20);
    const started = performance.now();
    socket!.pause();
    try {
      // The gateway ends the subscription (and its upstream) itself once the client's buffer is full.
      await waitFor(() => gateway.metrics.active === 0 || undefined, 'gateway.metrics.active === 0', 20_000);
    } finally {
      clearInterval(sampler);
      const growthMb = (peak - before) / 2 ** 20;
      console.info(
        `slow client: closed after ${Math.round(performance.now() - started)} ms; heap growth peak ${growthMb.toFixed(1)} MB; events received before pausing ${live.results.length}`,
      );
    }
    expect((peak - before) / 2 ** 20).toBeLessThan(50);
    socket!.resume();
    await waitFor(() => live.error, 'live.error', 10_000);
    expect(closeCodeOf(live.error)).toBe(1013);
  });

  it('refuses a 1 MiB frame with 1009', async () => {
    const raw = rawSocket(gateway.url);
    await raw.opened;
    raw.socket.send(
      JSON.stringify({ type: 'connection_init', payload: { authorization: 'Bearer alice-token' } }),
    );
    await waitFor(
      () => raw.messages.find((m) => m['type'] === 'connection_ack'),
      "raw.messages.find((m) => m['type'] === 'connection_ack')",
      2_000,
    );
    const query = `subscription { tick { n } } # ${'x'.repeat(1024 * 1024)}`;
    raw.socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query } }));
    const closed = await raw.closed;
    expect(closed.code).toBe(1009);
  });

  it('refuses the 51st subscription on one socket with RATE_LIMITED; the 50 share one upstream socket', async () => {
    const c = client('bob-token');
    const connectionsBefore = feedConnections.size;
    // Distinct variables: 50 upstream subscriptions (identical ones would share one, hub.ts).
    const subscriptions = Array.from({ length: 50 }, (_, i) => collect(c, TICK, { everyMs: 60_000 + i }));
    await waitFor(() => feedOpen >= 50 || undefined, 'feedOpen >= 50', 5_000);
    const extra = collect(c, TICK, { everyMs: 60_000 });
    const refused = await waitFor(
      () => extra.error as { extensions?: Record<string, unknown> }[] | undefined,
      'the refusal of the extra socket',
      2_000,
    );
    expect(refused[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', maxSubscriptions: 50 });
    expect(subscriptions.every((s) => s.error === undefined && !s.completed)).toBe(true);
    expect(feedConnections.size - connectionsBefore).toBe(1);
    for (const s of subscriptions) s.unsubscribe();
    await waitFor(() => gateway.metrics.active === 0 || undefined, 'gateway.metrics.active === 0', 5_000);
  });

  it("refuses a page from another origin (403), accepts the gateway's own, localhost and scripts", async () => {
    const evil = rawSocket(gateway.url, { origin: 'https://evil.example' });
    await expect(evil.opened).rejects.toThrow(/403/);
    const own = rawSocket(gateway.url, { origin: new URL(gateway.url).origin });
    await own.opened;
    const dev = rawSocket(gateway.url, { origin: 'http://localhost:5173' });
    await dev.opened;
    const script = rawSocket(gateway.url);
    await script.opened;
    for (const r of [own, dev, script]) r.socket.close();
  });

  it('closes an anonymous connection_init with 4401', async () => {
    const anonymous = collect(client(), TICK, { everyMs: 100 });
    await waitFor(() => anonymous.error, 'anonymous.error', 5_000);
    expect(closeCodeOf(anonymous.error)).toBe(4401);
    expect(anonymous.results).toEqual([]);
  });

  it('closes a socket that does not answer pings (heartbeat)', async () => {
    const beating = await createGateway({
      supergraphSdl,
      subgraphUrls: { ops: ops.url, feed: feed.url },
      secret: TEST_SECRET,
      log: logs.log,
      sockets: { heartbeatMs: 200 },
    });
    try {
      const silent = rawSocket(beating.url, { autoPong: false });
      await silent.opened;
      silent.socket.send(
        JSON.stringify({ type: 'connection_init', payload: { authorization: 'Bearer bob-token' } }),
      );
      const started = performance.now();
      const closed = await Promise.race([silent.closed, delay(3_000).then(() => undefined)]);
      expect(closed?.code).toBe(1006);
      expect(performance.now() - started).toBeLessThan(2_000);
    } finally {
      await beating.close();
    }
  });
});

describe('revocation and expiry reach open sockets (H3)', () => {
  it('closes the socket at the session expiry with 4401', async () => {
    const expiresAt = Date.now() + 1_500;
    tokens.set('short-token', { user: bob, expiresAt: new Date(expiresAt).toISOString() });
    const live = collect(client('short-token'), TICK, { everyMs: 50 });
    await waitFor(() => live.results.length > 0 || undefined, 'live.results.length > 0', 5_000);
    await waitFor(() => live.error, 'live.error', 4_000);
    expect(closeCodeOf(live.error)).toBe(4401);
    expect(Date.now() - expiresAt).toBeLessThan(2_000);
    expect(Date.now()).toBeGreaterThanOrEqual(expiresAt);
  });

  it("closes a revoked user's socket within 2 s of the message, and HTTP refuses its token; others stay", async () => {
    const redis = createRedis({ url: testRedisUrl() });
    await redis.connect();
    try {
      const channel = revocationChannel(redisPrefix);
      await waitFor(
        async () => {
          const subscribers = (await redis.pubSubNumSub(channel))[channel] ?? 0;
          return subscribers > 0 || undefined;
        },
        'a subscriber on the revocation channel',
        5_000,
      );
      tokens.set('carol-token', { user: { id: 'u-carol', username: 'carol', roles: ['VIEWER'] } });
      const carol = collect(client('carol-token'), TICK, { everyMs: 50 });
      const other = collect(client('bob-token'), TICK, { everyMs: 50 });
      await waitFor(
        () => (carol.results.length > 0 && other.results.length > 0) || undefined,
        '(carol.results.length > 0 && other.results.length > 0)',
        5_000,
      );
      // The HTTP cache now holds carol's token as valid (for 10 s).
      expect((await gql(gateway.url, '{ ping }', { token: 'carol-token' })).status).toBe(200);

      tokens.delete('carol-token');
      const published = performance.now();
      await redis.publish(channel, encodeRevocation({ userId: 'u-carol', reason: 'sessions-revoked' }));
      await waitFor(() => carol.error, 'carol.error', 2_000);
      const latency = performance.now() - published;
      console.info(`revocation: socket closed ${Math.round(latency)} ms after the message`);
      expect(closeCodeOf(carol.error)).toBe(4401);
      expect((await gql(gateway.url, '{ ping }', { token: 'carol-token' })).status).toBe(401);

      const seen = other.results.length;
      await waitFor(
        () => other.results.length > seen + 2 || undefined,
        'other.results.length > seen + 2',
        2_000,
      );
      expect(other.error).toBeUndefined();
      other.unsubscribe();
    } finally {
      redis.destroy();
    }
  });

  it('closes a socket whose roles changed with 4403', async () => {
    const redis = createRedis({ url: testRedisUrl() });
    await redis.connect();
    try {
      tokens.set('dave-token', { user: { id: 'u-dave', username: 'dave', roles: ['OPERATOR'] } });
      const live = collect(client('dave-token'), TICK, { everyMs: 50 });
      await waitFor(() => live.results.length > 0 || undefined, 'live.results.length > 0', 5_000);
      tokens.set('dave-token', { user: { id: 'u-dave', username: 'dave', roles: ['VIEWER'] } });
      await redis.publish(
        revocationChannel(redisPrefix),
        encodeRevocation({ userId: 'u-dave', reason: 'roles-changed' }),
      );
      await waitFor(() => live.error, 'live.error', 2_000);
      expect(closeCodeOf(live.error)).toBe(4403);
    } finally {
      redis.destroy();
    }
  });
});

describe('upstream failures (L11)', () => {
  it('ends a subscription with UPSTREAM_UNAVAILABLE when its subgraph restarts; subscribing again works', async () => {
    const c = client('bob-token');
    const live = collect(c, TICK, { everyMs: 50 });
    await waitFor(() => live.results.length > 0 || undefined, 'live.results.length > 0', 5_000);
    await feed.close();
    await waitFor(() => live.completed || undefined, 'live.completed', 5_000);
    const last = live.results.at(-1);
    expect(last?.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', subgraph: 'feed' });
    expect(live.error).toBeUndefined();

    feed = await startFeed(feedPort);
    const again = collect(c, TICK, { everyMs: 50 });
    await waitFor(() => again.results.length > 0 || undefined, 'again.results.length > 0', 5_000);
    expect(again.results[0]?.errors).toBeUndefined();
    again.unsubscribe();
  });
});
