import { buildSubgraphSchema } from '@apollo/subgraph';
import type { Principal } from '@opshub/auth';
import { EventQueue } from '@opshub/events';
import { startSubgraphServer, type RunningSubgraph } from '@opshub/subgraph-kit';
import { TEST_SECRET, waitFor } from '@opshub/testing';
import express from 'express';
import { parse } from 'graphql';
import type { Client } from 'graphql-ws';
import type WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeSupergraph } from '../src/composition.js';
import { createGateway, type RunningGateway } from '../src/create-gateway.js';
import type { SharingStats } from '../src/subscriptions/hub.js';
import { capturingLogger } from './harness.js';
import { closeCodeOf, wsClient, type Collected } from './ws-client.js';

// Subgraphs on the real wire whose events the test drives: "feed" sends a tick to every open
// subscription when the test says so; "ops" answers /internal/authenticate and resolves the
// Account entity each tick names, counting the `_entities` calls it receives.
const FEDERATION = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])';
const OPS_SDL = `${FEDERATION}
type Query { ping: String }
type Account @key(fields: "id") { id: ID! name: String! }`;
const FEED_SDL = `${FEDERATION}
type Query { feedName: String }
type Account @key(fields: "id", resolvable: false) { id: ID! }
type Tick { n: Int! topic: String! pad: String! account: Account! }
type Subscription { tick(topic: String!, padBytes: Int): Tick! }`;
const TICK = `subscription ($topic: String!, $padBytes: Int) {
  tick(topic: $topic, padBytes: $padBytes) { n topic pad account { id name } }
}`;

const logs = capturingLogger();
const viewer: Principal = { id: 'u-vic', username: 'vic', roles: ['VIEWER'] };
/** Open upstream subscriptions at the feed, each with its queue and arguments. */
const feedSubscriptions = new Set<{ queue: EventQueue<unknown>; topic: string; pad: string }>();
/** Each `_entities` call ops received (its request's context) and how many representations it carried. */
const entityCalls = new Map<object, number>();
const entityCallSizes = (): number[] => [...entityCalls.values()];

let ops: RunningSubgraph;
let feed: RunningSubgraph;
let gateway: RunningGateway;
const clients: Client[] = [];

const stats = (): SharingStats => gateway.metrics.sharing();
interface Timed extends Collected {
  /** When each tick arrived (performance.now()). */
  arrivedAt: Map<number, number>;
}
const subscriber = (variables: Record<string, unknown>, onSocket?: (s: WebSocket) => void): Timed => {
  const c = wsClient(gateway.url, 'vic-token', onSocket ? { onSocket } : {});
  clients.push(c);
  const live: Timed = { results: [], completed: false, unsubscribe: () => undefined, arrivedAt: new Map() };
  live.unsubscribe = c.subscribe(
    { query: TICK, variables },
    {
      next: (r) => {
        const n = (r.data as { tick?: { n: number } } | null | undefined)?.tick?.n;
        if (n !== undefined) live.arrivedAt.set(n, performance.now());
        live.results.push(r as Collected['results'][number]);
      },
      error: (e) => {
        live.error = e;
      },
      complete: () => {
        live.completed = true;
      },
    },
  );
  return live;
};
/** One tick to every open upstream subscription, written in the same turn of the event loop. */
const broadcast = (n: number): void => {
  for (const s of feedSubscriptions)
    s.queue.push({ tick: { n, topic: s.topic, pad: s.pad, account: { id: `acct-${s.topic}` } } });
};
let marker = 0;
/**
 * Ticks until every subscriber has one (a member receives from the next event after it joined),
 * then one marker tick seen everywhere: every earlier tick has been delivered (events stay in order).
 */
async function warmUp(live: Collected[]): Promise<void> {
  await waitFor(
    () => {
      if (live.every((l) => l.results.length > 0)) return true;
      broadcast(marker++);
      return undefined;
    },
    'a first tick at every subscriber',
    5_000,
  );
  const last = marker++;
  broadcast(last);
  await waitFor(() => live.every((l) => ticksOf(l).includes(last)) || undefined, `marker ${last}`, 5_000);
}

const ticksOf = (live: Collected): number[] =>
  live.results.map((r) => (r.data?.['tick'] as { n: number } | undefined)?.n ?? -1);

beforeAll(async () => {
  ops = await startSubgraphServer({
    name: 'ops',
    schema: buildSubgraphSchema({
      typeDefs: parse(OPS_SDL),
      resolvers: {
        Query: { ping: () => 'pong' },
        Account: {
          __resolveReference: (ref: { id: string }, context: object) => {
            entityCalls.set(context, (entityCalls.get(context) ?? 0) + 1);
            return { id: ref.id, name: `name of ${ref.id}` };
          },
        },
      } as never,
    }),
    host: '127.0.0.1',
    port: 0,
    secret: TEST_SECRET,
    log: logs.log,
    routes: (app) => {
      app.post('/internal/authenticate', express.json(), (req, res) => {
        res.json((req.body as { token: string }).token === 'vic-token' ? { user: viewer } : { user: null });
      });
    },
  });
  feed = await startSubgraphServer({
    name: 'feed',
    schema: buildSubgraphSchema({
      typeDefs: parse(FEED_SDL),
      resolvers: {
        Subscription: {
          tick: {
            subscribe: (_: unknown, args: { topic: string; padBytes?: number | null }) => {
              const entry = {
                queue: new EventQueue<unknown>(() => feedSubscriptions.delete(entry)),
                topic: args.topic,
                pad: 'x'.repeat(args.padBytes ?? 0),
              };
              feedSubscriptions.add(entry);
              return entry.queue;
            },
          },
        },
      } as never,
    }),
    host: '127.0.0.1',
    port: 0,
    secret: TEST_SECRET,
    log: logs.log,
  });
  const { supergraphSdl } = composeSupergraph([
    { name: 'ops', url: ops.url, sdl: OPS_SDL },
    { name: 'feed', url: feed.url, sdl: FEED_SDL },
  ]);
  gateway = await createGateway({
    supergraphSdl,
    subgraphUrls: { ops: ops.url, feed: feed.url },
    secret: TEST_SECRET,
    log: logs.log,
    // Small bounds so a paused client is cut within a hundred 64 KiB ticks.
    sockets: { maxQueuedResults: 32, maxBufferedBytes: 1024 * 1024 },
  });
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await gateway?.close();
  await feed?.close();
  await ops?.close();
});

describe('shared subscriptions, driven events', () => {
  it('12 subscribers over 4 topics: 4 upstream subscriptions, 4 plan executions per event, their entity fetches batched', async () => {
    const topics = ['a', 'b', 'c', 'd'];
    const live = topics.flatMap((topic) => [0, 1, 2].map(() => subscriber({ topic })));
    await waitFor(() => feedSubscriptions.size === 4 || undefined, 'four upstream subscriptions', 5_000);
    await warmUp(live);
    const before = stats();
    const callsBefore = entityCalls.size;
    const events = 5;
    for (let i = 0; i < events; i++) {
      const tick = 1000 + i;
      broadcast(tick);
      await waitFor(
        () => live.every((l) => ticksOf(l).includes(tick)) || undefined,
        `tick ${tick} everywhere`,
        5_000,
      );
    }
    const after = stats();
    expect(feedSubscriptions.size).toBe(4);
    expect(after.upstreamSubscriptions - before.upstreamSubscriptions).toBe(0);
    expect(after.planExecutions - before.planExecutions).toBe(4 * events);
    expect(after.entityFetches - before.entityFetches).toBe(4 * events);
    // Four groups' fetches in one tick: one call carrying the four accounts (a little slack for a
    // loaded machine splitting one event's upstream frames over two reads).
    const calls = entityCallSizes().slice(callsBefore);
    expect(calls.length).toBeLessThanOrEqual(events + 2);
    expect(calls.filter((size) => size === 4).length).toBeGreaterThanOrEqual(events - 2);
    expect(after.entityCalls - before.entityCalls).toBe(calls.length);
    // Each subscriber got its own topic's account, whatever the merged call's order.
    for (const [i, l] of live.entries()) {
      const topic = topics[Math.floor(i / 3)]!;
      expect(l.results.at(-1)?.data).toEqual({
        tick: { n: 1004, topic, pad: '', account: { id: `acct-${topic}`, name: `name of acct-${topic}` } },
      });
    }
    for (const l of live) l.unsubscribe();
    await waitFor(() => feedSubscriptions.size === 0 || undefined, 'the upstream subscriptions ended', 5_000);
  });

  it('a subscriber that stops reading delays nobody and is closed with 1013; the others keep the shared stream', async () => {
    const variables = { topic: 'slow', padBytes: 64 * 1024 };
    let pausedSocket: WebSocket | undefined;
    const paused = subscriber(variables, (s) => (pausedSocket = s));
    const others = [0, 1, 2, 3].map(() => subscriber(variables));
    const all = [paused, ...others];
    await waitFor(() => feedSubscriptions.size === 1 || undefined, 'one upstream subscription', 5_000);
    await warmUp(all);
    pausedSocket!.pause();
    // Lockstep with the others, whatever the machine's load: each tick is sent once the previous one
    // reached all four. A fan-out that waited for the paused one would stall them once its socket
    // buffers filled (and never cut it); here they go on until the gateway cuts it.
    const first = 10_000;
    let next = first;
    const lags: number[] = [];
    while (gateway.metrics.active === 5) {
      const tick = next++;
      const sentAt = performance.now();
      broadcast(tick);
      await waitFor(
        () => others.every((l) => l.arrivedAt.has(tick)) || undefined,
        `tick ${tick} at the four that read, the paused one still open`,
        5_000,
      );
      lags.push(Math.max(...others.map((l) => l.arrivedAt.get(tick)! - sentAt)));
    }
    const last = next - 1;
    lags.sort((x, y) => x - y);
    console.info(
      `slow subscriber cut after ${last - first + 1} ticks; the others' lag p50 ${lags[Math.floor(lags.length / 2)]?.toFixed(1)} ms, max ${lags.at(-1)?.toFixed(1)} ms`,
    );
    expect(last - first + 1).toBeGreaterThan(10);
    for (const l of others) {
      const ticks = ticksOf(l).filter((t) => t >= first);
      expect(ticks).toEqual(Array.from({ length: last - first + 1 }, (_, i) => first + i));
    }
    pausedSocket!.resume();
    await waitFor(() => paused.error, 'the slow subscriber sees its close', 10_000);
    expect(closeCodeOf(paused.error)).toBe(1013);
    expect(others.every((l) => l.error === undefined && !l.completed)).toBe(true);
    expect(feedSubscriptions.size).toBe(1);
    for (const l of others) l.unsubscribe();
    await waitFor(() => feedSubscriptions.size === 0 || undefined, 'the upstream subscription ended', 5_000);
  });
});
