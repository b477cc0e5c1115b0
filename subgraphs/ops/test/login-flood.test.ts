// H4: 12 anonymous clients hammering `login` must not slow down a signed-in user. The signed-in
// request goes the way the gateway sends it: `/internal/authenticate` with the bearer token, then a
// signed GraphQL query. The flood runs in a child process so its own cost does not land on the
// event loop being measured.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { signInternal, INTERNAL_HEADER } from '@opshub/auth';
import { startSubgraphServer, type RunningSubgraph } from '@opshub/subgraph-kit';
import { TEST_SECRET } from '@opshub/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticateRoute, buildOpsSchema, Role } from '../src/index.js';
import { log, startAuthHarness, type AuthHarness } from './auth-harness.js';

const CLIENTS = 12;
const FLOOD_MS = 5_000;

let h: AuthHarness;
let server: RunningSubgraph;
let origin: string;
let token: string;

async function post(
  path: string,
  signature: string,
  body: unknown,
): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${origin}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [INTERNAL_HEADER]: signature },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

/** One signed-in request as the gateway makes it; returns its latency in ms. */
async function signedInQuery(): Promise<number> {
  const started = performance.now();
  const auth = await post('/internal/authenticate', signInternal(TEST_SECRET, 'ops', { requestId: 'auth' }), {
    token,
  });
  const { user } = auth.json as { user: { id: string; username: string; roles: Role[] } };
  const q = await post('/graphql', signInternal(TEST_SECRET, 'ops', { requestId: 'q', user }), {
    query: '{ me { username } }',
  });
  const elapsed = performance.now() - started;
  expect(q.json).toEqual({ data: { me: { username: 'alice' } } });
  return elapsed;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p90 = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.9)]!;

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const ATTACKER = 'subgraphs/ops/test/login-flood.client.ts';

/** Runs the attackers (login-flood.client.ts) in a child process; `started` once they fire, `done` with what they got. */
function flood(): { started: Promise<void>; done: Promise<{ sent: number; codes: Record<string, number> }> } {
  let go: () => void = () => undefined;
  const started = new Promise<void>((resolve) => (go = resolve));
  const done = new Promise<{ sent: number; codes: Record<string, number> }>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        '@swc-node/register/esm-register',
        ATTACKER,
        `${origin}/graphql`,
        TEST_SECRET,
        String(CLIENTS),
        String(FLOOD_MS),
        '203.0.113.9',
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.startsWith('go\n')) go();
    });
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0
        ? resolve(JSON.parse(out.slice(3)) as { sent: number; codes: Record<string, number> })
        : reject(new Error(`attackers exited ${code}`)),
    );
  });
  return { started, done };
}

beforeAll(async () => {
  // As the subgraph's main runs it: hashing in its own low-priority process.
  h = await startAuthHarness('ops-login-flood', {
    passwordHashing: { concurrency: 2, maxQueue: 8, isolated: true },
  });
  await h.services.users.create({ username: 'alice', password: 'alice password 1', roles: [Role.VIEWER] });
  token = (await h.services.sessions.login('alice', 'alice password 1', { clientAddress: 'alice-laptop' }))
    .token;
  const { schema } = await buildOpsSchema(h.services);
  server = await startSubgraphServer({
    name: 'ops',
    schema,
    host: '127.0.0.1',
    port: 0,
    secret: TEST_SECRET,
    log,
    routes: authenticateRoute(h.services.sessions),
  });
  origin = new URL(server.url).origin;
});

afterAll(async () => {
  await server?.close();
  await h?.close();
});

describe('/internal/authenticate (H3)', () => {
  it('answers the principal and the credential’s expiry, so the gateway can close a socket then', async () => {
    const session = await h.services.sessions.login('alice', 'alice password 1', {
      clientAddress: 'alice-phone',
    });
    const res = await post('/internal/authenticate', signInternal(TEST_SECRET, 'ops', { requestId: 'exp' }), {
      token: session.token,
    });
    expect(res.json).toEqual({
      user: { id: session.user.id, username: 'alice', roles: ['VIEWER'] },
      expiresAt: session.expiresAt.toISOString(),
    });
    const { token } = await h.services.tokens.create('alice', 'forever');
    const forever = await post(
      '/internal/authenticate',
      signInternal(TEST_SECRET, 'ops', { requestId: 'exp2' }),
      {
        token,
      },
    );
    expect(forever.json).toMatchObject({ user: { username: 'alice' }, expiresAt: null });
  });
});

describe('a login flood (H4)', { timeout: 60_000 }, () => {
  it(`${CLIENTS} anonymous clients hammering login keep a signed-in user's query within 2× its idle latency`, async () => {
    for (let i = 0; i < 10; i++) await signedInQuery(); // warm up (JIT, connections)
    const idle: number[] = [];
    for (let i = 0; i < 40; i++) idle.push(await signedInQuery());
    const idleBefore = median(idle);

    const auditBefore = await h.db.auditEntry.count({ where: { kind: { startsWith: 'session.login' } } });
    const attack = flood();
    await attack.started;
    let done = false;
    void attack.done.finally(() => (done = true));
    const busy: number[] = [];
    while (!done) busy.push(await signedInQuery());
    const result = await attack.done;
    // Idle again after the flood: the baseline is taken on both sides of it, so that load from
    // elsewhere on a shared machine weighs on both figures alike.
    for (let i = 0; i < 40; i++) idle.push(await signedInQuery());
    const audited =
      (await h.db.auditEntry.count({ where: { kind: { startsWith: 'session.login' } } })) - auditBefore;

    const figures = {
      idleBeforeMedianMs: +idleBefore.toFixed(1),
      idleAfterMedianMs: +median(idle.slice(40)).toFixed(1),
      idleMedianMs: +median(idle).toFixed(1),
      idleP90Ms: +p90(idle).toFixed(1),
      floodMedianMs: +median(busy).toFixed(1),
      floodP90Ms: +p90(busy).toFixed(1),
      signedInRequestsDuringFlood: busy.length,
      attackerRequests: result.sent,
      attackerAnswers: result.codes,
      auditRows: audited,
    };
    console.log('login flood:', JSON.stringify(figures));
    expect(busy.length).toBeGreaterThan(10);
    expect(median(busy)).toBeLessThanOrEqual(2 * median(idle));
    expect(result.codes['RATE_LIMITED']).toBeGreaterThan(0);
    // The flood is counted, not written row by row: at most the 20 admitted attempts and one row per limited key.
    expect(audited).toBeLessThanOrEqual(25);
  });
});
