import { buildSubgraphSchema } from '@apollo/subgraph';
import { startSubgraphServer, type RunningSubgraph, type SubgraphContext } from '@opshub/subgraph-kit';
import { TEST_SECRET } from '@opshub/testing';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { composeSupergraph } from '../src/composition.js';
import { createGateway, type RunningGateway } from '../src/create-gateway.js';
import { capturingLogger, gql, startOps, type OpsFixture } from './harness.js';

// A real "probe" subgraph beside the real ops: it counts every fetch it executes and holds each
// one until the test lets it go, so two client requests are provably in flight at the same time.
const PROBE_SDL = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
type Query { board(word: String!): Board }
type Board { word: String! seenBy: String }
type Mutation { bump(word: String!): Int! }`;

interface Gate {
  arrivals: number;
  release: () => void;
  released: Promise<void>;
}
const gates = new Map<string, Gate>();
function gate(word: string): Gate {
  let g = gates.get(word);
  if (!g) {
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    g = { arrivals: 0, release, released };
    gates.set(word, g);
  }
  return g;
}
async function held(word: string): Promise<void> {
  const g = gate(word);
  g.arrivals++;
  await g.released;
}

const logs = capturingLogger();
let ops: OpsFixture;
let probe: RunningSubgraph;
let gateway: RunningGateway;
const tokens: Record<string, string> = {};
const BOARD = 'query Board($w: String!) { board(word: $w) { word seenBy } }';
const WARM = [
  { name: 'Me', query: 'query Me {\n  me {\n    id\n    username\n    roles\n  }\n}' },
  { name: 'Board', query: BOARD },
  { name: 'Gone', query: 'query Gone { noSuchField }' },
];

beforeAll(async () => {
  ops = await startOps(logs.log, 'gateway-queries');
  probe = await startSubgraphServer({
    name: 'probe',
    schema: buildSubgraphSchema({
      typeDefs: parse(PROBE_SDL),
      resolvers: {
        Query: {
          board: async (_: unknown, { word }: { word: string }, ctx: unknown) => {
            await held(word);
            return { word, seenBy: (ctx as SubgraphContext).user?.username ?? null };
          },
        },
        Mutation: {
          bump: async (_: unknown, { word }: { word: string }) => {
            await held(word);
            return gate(word).arrivals;
          },
        },
      },
    }),
    host: '127.0.0.1',
    port: 0,
    secret: TEST_SECRET,
    log: logs.log,
  });
  const { supergraphSdl } = composeSupergraph([
    { name: 'ops', url: ops.server.url, sdl: ops.sdl },
    { name: 'probe', url: probe.url, sdl: PROBE_SDL },
  ]);
  gateway = await createGateway({
    supergraphSdl,
    subgraphUrls: { ops: ops.server.url, probe: probe.url },
    secret: TEST_SECRET,
    log: logs.log,
    warmOperations: WARM,
  });
  for (const [username, role] of [
    ['olga', 'OPERATOR'],
    ['otto', 'OPERATOR'],
    ['vera', 'VIEWER'],
  ] as const) {
    await ops.services.users.create({ username, password: `${username}-password-1`, roles: [role as never] });
    const res = await gql<{ login: { token: string } }>(
      gateway.url,
      'mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { token } }',
      { variables: { u: username, p: `${username}-password-1` } },
    );
    tokens[username] = res.body.data!.login.token;
  }
});

afterAll(async () => {
  for (const g of gates.values()) g.release();
  await gateway?.close();
  await probe?.close();
  await ops?.stop();
});

const board = (word: string, user: string) =>
  gql<{ board: { word: string; seenBy: string | null } }>(gateway.url, BOARD, {
    variables: { w: word },
    token: tokens[user]!,
  });

describe('in-flight deduplication of subgraph fetches', () => {
  it('sends two identical concurrent queries of one caller to the subgraph once, both answered', async () => {
    const joinedBefore = gateway.fetchDedup().joined;
    const first = board('same-caller', 'olga');
    await vi.waitFor(() => expect(gate('same-caller').arrivals).toBe(1), { timeout: 10_000 });
    const second = board('same-caller', 'olga');
    await vi.waitFor(() => expect(gateway.fetchDedup().joined).toBe(joinedBefore + 1), { timeout: 10_000 });
    gate('same-caller').release();
    const [a, b] = await Promise.all([first, second]);
    expect(a.body).toEqual({ data: { board: { word: 'same-caller', seenBy: 'olga' } } });
    expect(b.body).toEqual(a.body);
    expect(gate('same-caller').arrivals).toBe(1);
  });

  it('sends the same query for two users of different roles twice, each seeing their own answer', async () => {
    const first = board('two-roles', 'olga');
    await vi.waitFor(() => expect(gate('two-roles').arrivals).toBe(1), { timeout: 10_000 });
    const second = board('two-roles', 'vera');
    await vi.waitFor(() => expect(gate('two-roles').arrivals).toBe(2), { timeout: 10_000 });
    gate('two-roles').release();
    const [a, b] = await Promise.all([first, second]);
    expect(a.body.data?.board.seenBy).toBe('olga');
    expect(b.body.data?.board.seenBy).toBe('vera');
  });

  it('does not share between two users of the same roles either (the caller is part of the scope)', async () => {
    const first = board('two-users', 'olga');
    await vi.waitFor(() => expect(gate('two-users').arrivals).toBe(1), { timeout: 10_000 });
    const second = board('two-users', 'otto');
    await vi.waitFor(() => expect(gate('two-users').arrivals).toBe(2), { timeout: 10_000 });
    gate('two-users').release();
    const [a, b] = await Promise.all([first, second]);
    expect([a.body.data?.board.seenBy, b.body.data?.board.seenBy]).toEqual(['olga', 'otto']);
  });

  it('never shares a mutation: two identical concurrent ones both reach the subgraph', async () => {
    const bump = () =>
      gql<{ bump: number }>(gateway.url, 'mutation { bump(word: "twice") }', { token: tokens['olga']! });
    const first = bump();
    await vi.waitFor(() => expect(gate('twice').arrivals).toBe(1), { timeout: 10_000 });
    const second = bump();
    await vi.waitFor(() => expect(gate('twice').arrivals).toBe(2), { timeout: 10_000 });
    gate('twice').release();
    const answers = await Promise.all([first, second]);
    expect(answers.map((r) => r.body.errors)).toEqual([undefined, undefined]);
  });

  it('sends a query again once the identical one before it has answered (no caching)', async () => {
    gate('again').release();
    await board('again', 'olga');
    await board('again', 'olga');
    expect(gate('again').arrivals).toBe(2);
  });
});

describe('query plans warmed at start', () => {
  it('plans the listed operations before listening and skips the ones the supergraph no longer has', () => {
    expect(gateway.warmedPlans).toBe(2);
    const skipped = logs.lines().filter((l) => l['msg'] === 'warm-up operation skipped');
    expect(skipped.map((l) => l['operation'])).toEqual(['Gone']);
  });

  it('answers a warmed operation sent as a client sends it', async () => {
    const res = await gql<{ me: { username: string } }>(gateway.url, WARM[0]!.query, {
      token: tokens['vera']!,
    });
    expect(res.body.data?.me.username).toBe('vera');
  });
});
