import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { SubgraphContext } from '@opshub/subgraph-kit';
import { startSubgraphServer, type RunningSubgraph } from '@opshub/subgraph-kit';
import { freePort, TEST_SECRET } from '@opshub/testing';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeSupergraph } from '../src/composition.js';
import { createGateway, type RunningGateway } from '../src/create-gateway.js';
import { capturingLogger, gql } from './harness.js';

// Three subgraphs on the real wire: "echo" answers at once (and tells what the gateway vouched for),
// "hung" accepts every connection and never answers, "gone" is a port nobody listens on.
const FEDERATION = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])';
const ECHO_SDL = `${FEDERATION}\ntype Query { ops: String whereAmI: String }`;
const HUNG_SDL = `${FEDERATION}\ntype Query { hung: String }\ntype Mutation { hungCommand: String }`;
const GONE_SDL = `${FEDERATION}\ntype Query { gone: String }`;
const QUERY_TIMEOUT_MS = 1_000;
const MUTATION_TIMEOUT_MS = 2_000;

const logs = capturingLogger();
let echo: RunningSubgraph;
let hung: Server;
const hungSockets = new Set<Socket>();
let hungRequests = 0;
let supergraphSdl: string;
let subgraphUrls: Record<string, string>;
let gateway: RunningGateway;

beforeAll(async () => {
  // Named "ops" so the gateway accepts the supergraph (it authenticates through ops; no token is sent here).
  echo = await startSubgraphServer({
    name: 'ops',
    schema: buildSubgraphSchema({
      typeDefs: parse(ECHO_SDL),
      resolvers: {
        Query: {
          ops: () => 'ok',
          whereAmI: (_: unknown, __: unknown, ctx: unknown) => (ctx as SubgraphContext).clientAddress ?? null,
        },
      },
    }),
    host: '127.0.0.1',
    port: 0,
    secret: TEST_SECRET,
    log: logs.log,
  });
  hung = createServer(() => {
    hungRequests++;
  });
  hung.on('connection', (s) => {
    hungSockets.add(s);
    s.on('close', () => hungSockets.delete(s));
  });
  await new Promise<void>((r) => hung.listen(0, '127.0.0.1', r));
  const hungUrl = `http://127.0.0.1:${(hung.address() as AddressInfo).port}/graphql`;
  const goneUrl = `http://127.0.0.1:${await freePort()}/graphql`;
  subgraphUrls = { ops: echo.url, hung: hungUrl, gone: goneUrl };
  supergraphSdl = composeSupergraph([
    { name: 'ops', url: echo.url, sdl: ECHO_SDL },
    { name: 'hung', url: hungUrl, sdl: HUNG_SDL },
    { name: 'gone', url: goneUrl, sdl: GONE_SDL },
  ]).supergraphSdl;
  gateway = await createGateway({
    supergraphSdl,
    subgraphUrls,
    secret: TEST_SECRET,
    log: logs.log,
    subgraphTimeouts: { queryMs: QUERY_TIMEOUT_MS, mutationMs: MUTATION_TIMEOUT_MS },
  });
  // Warm: the first operation of a process plans and compiles, which is not what is measured here.
  await gql(gateway.url, '{ ops }');
});

afterAll(async () => {
  await gateway?.close();
  await echo?.close();
  for (const s of hungSockets) s.destroy();
  await new Promise<void>((r) => (hung ? hung.close(() => r()) : r()));
});

const timed = async <T>(work: Promise<T>): Promise<{ ms: number; value: T }> => {
  const started = performance.now();
  const value = await work;
  return { ms: performance.now() - started, value };
};

describe('gateway toward slow or missing subgraphs', () => {
  it('answers within the timeout with the other data and a coded UPSTREAM_UNAVAILABLE for the hung part', async () => {
    const before = hungRequests;
    const pending = timed(gql(gateway.url, '{ ops hung }'));
    // While that waits on the hung subgraph, a query to another subgraph is not held up.
    const other = await timed(gql(gateway.url, '{ ops }'));
    expect(other.value.body).toEqual({ data: { ops: 'ok' } });
    expect(other.ms).toBeLessThan(QUERY_TIMEOUT_MS / 2);

    const { ms, value } = await pending;
    expect(hungRequests).toBe(before + 1);
    expect(value.status).toBe(200);
    expect(value.body.data).toEqual({ ops: 'ok', hung: null });
    expect(value.body.errors).toEqual([
      {
        message: expect.stringMatching(/hung service did not answer within 1 s/),
        extensions: expect.objectContaining({ code: 'UPSTREAM_UNAVAILABLE', subgraph: 'hung' }),
      },
    ]);
    expect(ms).toBeGreaterThanOrEqual(QUERY_TIMEOUT_MS - 50);
    expect(ms).toBeLessThan(QUERY_TIMEOUT_MS + 1_000);
    expect(gateway.metrics.render()).toMatch(
      /opshub_gateway_subgraph_fetch_errors_total\{subgraph="hung"\} \d+/,
    );
  });

  it('gives mutations the longer mutation timeout (DCS commands wait up to 20 s for the workers)', async () => {
    const { ms, value } = await timed(gql(gateway.url, 'mutation { hungCommand }'));
    expect(value.body.errors?.[0]?.extensions).toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
      timeoutMs: MUTATION_TIMEOUT_MS,
    });
    expect(ms).toBeGreaterThanOrEqual(MUTATION_TIMEOUT_MS - 50);
    expect(ms).toBeLessThan(MUTATION_TIMEOUT_MS + 1_000);
  });

  it('reports a subgraph that refuses connections as UPSTREAM_UNAVAILABLE at once, next to the rest', async () => {
    const { ms, value } = await timed(gql(gateway.url, '{ ops gone }'));
    expect(value.body.data).toEqual({ ops: 'ok', gone: null });
    expect(value.body.errors?.[0]?.extensions).toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
      subgraph: 'gone',
    });
    expect(ms).toBeLessThan(QUERY_TIMEOUT_MS);
  });
});

describe("the client's address, as the subgraphs get it", () => {
  it("is the socket's peer; X-Forwarded-For is ignored unless the peer is a trusted proxy", async () => {
    const spoofed = await gql(gateway.url, '{ whereAmI }', { headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(spoofed.body).toEqual({ data: { whereAmI: '127.0.0.1' } });

    const behindProxy = await createGateway({
      supergraphSdl,
      subgraphUrls,
      secret: TEST_SECRET,
      log: logs.log,
      trustedProxies: 'loopback',
    });
    try {
      const forwarded = await gql(behindProxy.url, '{ whereAmI }', {
        headers: { 'x-forwarded-for': '198.51.100.1, 203.0.113.9' },
      });
      // The rightmost address not itself a trusted proxy: what the proxy saw, not what the client wrote.
      expect(forwarded.body).toEqual({ data: { whereAmI: '203.0.113.9' } });
    } finally {
      await behindProxy.close();
    }
  });
});
