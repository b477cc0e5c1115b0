import { deriveInternalKey, INTERNAL_HEADER, signInternal } from '@opshub/auth';
import { createLogger } from '@opshub/config';
import { GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { SubgraphContext } from './context.js';
import { startSubgraphServer, type RunningSubgraph } from './server.js';

const SECRET = 'subgraph-kit-spec-secret-0123456789-abcdefghij';

/** `whoami` answers what the subgraph was told about the caller. */
const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: {
      whoami: {
        type: GraphQLString,
        resolve: (_s, _a, ctx: SubgraphContext) =>
          JSON.stringify({ user: ctx.user?.username ?? null, address: ctx.clientAddress ?? null }),
      },
    },
  }),
  subscription: new GraphQLObjectType({
    name: 'Subscription',
    fields: {
      tick: {
        type: GraphQLString,
        subscribe: async function* () {
          yield { tick: 'one' };
        },
      },
    },
  }),
});

let ops: RunningSubgraph;

beforeAll(async () => {
  // This subgraph holds only its own key, as in production.
  ops = await startSubgraphServer({
    name: 'ops',
    schema,
    host: '127.0.0.1',
    port: 0,
    secret: deriveInternalKey(SECRET, 'ops'),
    log: createLogger('spec', 'silent'),
    requestTimeoutMs: 300,
    routes: (app) => {
      app.post('/internal/ping', (_req, res) => void res.json({ ok: true }));
      app.post('/internal/hang', () => undefined);
    },
  });
});

afterAll(async () => {
  await ops?.close();
});

const alice = { id: 'u-1', username: 'alice', roles: ['ADMIN' as const] };

async function call(
  header: string | undefined,
  path = '/graphql',
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(new URL(path, ops.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(header ? { [INTERNAL_HEADER]: header } : {}) },
    body: JSON.stringify({ query: '{ whoami }' }),
  });
  return { status: response.status, body: await response.json() };
}

/** Opens a graphql-ws socket with `header` in connection_init; resolves with ack or the close code. */
function connect(header: string): Promise<'ack' | number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(ops.url.replace(/^http/, 'ws'), 'graphql-transport-ws');
    socket.once('open', () =>
      socket.send(JSON.stringify({ type: 'connection_init', payload: { [INTERNAL_HEADER]: header } })),
    );
    socket.on('message', (data) => {
      if ((JSON.parse(String(data)) as { type: string }).type === 'connection_ack') {
        resolve('ack');
        socket.close();
      }
    });
    socket.once('close', (code) => resolve(code));
    socket.once('error', reject);
  });
}

describe('subgraph server signature checks', () => {
  it('answers a fresh signature made for it, with the user and the client address', async () => {
    const header = signInternal(SECRET, 'ops', { user: alice, requestId: 'r-1', clientAddress: '192.0.2.7' });
    const res = await call(header);
    expect(res).toEqual({
      status: 200,
      body: { data: { whoami: JSON.stringify({ user: 'alice', address: '192.0.2.7' }) } },
    });
  });

  it('refuses a header minted for another subgraph (HTTP 401, WebSocket 4401)', async () => {
    const forWorkflow = signInternal(SECRET, 'workflow', { user: alice, requestId: 'r-2' });
    expect((await call(forWorkflow)).status).toBe(401);
    expect(await connect(signInternal(SECRET, 'workflow', { user: alice, requestId: 'r-2' }))).toBe(4401);
  });

  it('refuses the same header replayed, on HTTP and on a second socket', async () => {
    const header = signInternal(SECRET, 'ops', { user: alice, requestId: 'r-3' });
    expect((await call(header)).status).toBe(200);
    const replayed = await call(header);
    expect(replayed.status).toBe(401);
    expect(replayed.body).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });

    const wsHeader = signInternal(SECRET, 'ops', { user: alice, requestId: 'r-4' });
    expect(await connect(wsHeader)).toBe('ack');
    expect(await connect(wsHeader)).toBe(4401);
  });

  it('refuses an expired header (signed 13 s ago)', async () => {
    const realNow = Date.now;
    Date.now = () => realNow() - 13_000;
    let old: string;
    try {
      old = signInternal(SECRET, 'ops', { user: alice, requestId: 'r-5' });
    } finally {
      Date.now = realNow;
    }
    expect((await call(old)).status).toBe(401);
  });

  it('guards /internal routes like /graphql', async () => {
    expect((await call(undefined, '/internal/ping')).status).toBe(401);
    expect((await call(signInternal(SECRET, 'workflow', { requestId: 'r' }), '/internal/ping')).status).toBe(
      401,
    );
    expect(await call(signInternal(SECRET, 'ops', { requestId: 'r' }), '/internal/ping')).toEqual({
      status: 200,
      body: { ok: true },
    });
  });

  it('cuts a request that is not answered in time instead of holding it forever', async () => {
    const started = performance.now();
    const outcome = await fetch(new URL('/internal/hang', ops.url), {
      method: 'POST',
      headers: { [INTERNAL_HEADER]: signInternal(SECRET, 'ops', { requestId: 'r' }) },
      signal: AbortSignal.timeout(5_000),
    }).then(
      (r) => `answered ${r.status}`,
      (e: Error) => (e.name === 'TimeoutError' ? 'still hanging' : 'cut'),
    );
    expect(outcome).toBe('cut');
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('refuses to start with a key derived for another subgraph', async () => {
    await expect(
      startSubgraphServer({
        name: 'dcs',
        schema,
        host: '127.0.0.1',
        port: 0,
        secret: deriveInternalKey(SECRET, 'ops'),
        log: createLogger('spec', 'silent'),
      }),
    ).rejects.toThrow(/for subgraph "ops", not "dcs"/);
  });
});
