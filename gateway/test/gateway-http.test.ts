import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TEST_SECRET } from '@opshub/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeSupergraph } from '../src/composition.js';
import { createGateway, type RunningGateway } from '../src/create-gateway.js';
import { capturingLogger, gql, startOps, type OpsFixture } from './harness.js';

const logs = capturingLogger();
const METRICS_TOKEN = 'metrics-token-0123456789abcdef';
let ops: OpsFixture;
let gateway: RunningGateway;

const LOGIN = `mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { token user { id username roles } } }`;

/** One session per user for the whole file: logins from one address are rate-limited (burst of 5). */
const sessions = new Map<string, Promise<string>>();
function login(username: string, password: string): Promise<string> {
  const cached = sessions.get(username);
  if (cached) return cached;
  const session = gql<{ login: { token: string } }>(gateway.url, LOGIN, {
    variables: { u: username, p: password },
  }).then((res) => {
    expect(res.body.errors).toBeUndefined();
    return res.body.data!.login.token;
  });
  sessions.set(username, session);
  return session;
}

beforeAll(async () => {
  ops = await startOps(logs.log);
  const { supergraphSdl } = composeSupergraph([{ name: 'ops', url: ops.server.url, sdl: ops.sdl }]);
  gateway = await createGateway({
    supergraphSdl,
    subgraphUrls: { ops: ops.server.url },
    secret: TEST_SECRET,
    log: logs.log,
    limits: { maxDepth: 4, maxAliases: 3, maxTokens: 300 },
    metricsAccess: { token: METRICS_TOKEN },
  });
  await ops.services.users.create({
    username: 'alma',
    password: 'alma-password-1',
    roles: ['ADMIN' as never],
  });
  await ops.services.users.create({
    username: 'vera',
    password: 'vera-password-1',
    roles: ['VIEWER' as never],
  });
});

afterAll(async () => {
  await gateway?.close();
  await ops?.stop();
});

describe('gateway over HTTP', () => {
  it('logs in anonymously and answers `me` for the token, with a request id header', async () => {
    const res = await gql<{ login: { token: string; user: { username: string; roles: string[] } } }>(
      gateway.url,
      LOGIN,
      {
        variables: { u: 'alma', p: 'alma-password-1' },
      },
    );
    expect(res.status).toBe(200);
    expect(res.body.data?.login.user).toEqual(
      expect.objectContaining({ username: 'alma', roles: ['ADMIN'] }),
    );
    expect(res.body.data?.login.token).toMatch(/^ohs_/);
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);

    const me = await gql<{ me: { username: string } }>(gateway.url, '{ me { username roles } }', {
      token: res.body.data!.login.token,
    });
    expect(me.body).toEqual({ data: { me: { username: 'alma', roles: ['ADMIN'] } } });
    const anonymous = await gql(gateway.url, '{ me { username } }');
    expect(anonymous.body).toEqual({ data: { me: null } });
  });

  it("mints its own request id for every request; a client's x-request-id never becomes it", async () => {
    const signedIn = await gql<{ login: { token: string } }>(gateway.url, LOGIN, {
      variables: { u: 'alma', p: 'alma-password-1' },
      headers: { 'x-request-id': 'trace-1234abcd' },
    });
    sessions.set('alma', Promise.resolve(signedIn.body.data!.login.token));
    const again = await gql(gateway.url, '{ __typename }', { headers: { 'x-request-id': 'trace-1234abcd' } });
    const ids = [signedIn.headers.get('x-request-id')!, again.headers.get('x-request-id')!];
    expect(ids[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(ids[1]).toMatch(/^[0-9a-f-]{36}$/);
    expect(ids[0]).not.toBe(ids[1]);
    // The audit trail records the server's id for the login, not the id the client chose.
    const audited = await ops.db.auditEntry.findMany({
      where: { requestId: { in: [...ids, 'trace-1234abcd'] } },
    });
    expect(audited.map((a) => a.requestId)).toEqual([ids[0]]);
  });

  it('refuses a VIEWER on an ADMIN mutation with FORBIDDEN', async () => {
    const token = await login('vera', 'vera-password-1');
    const res = await gql(gateway.url, 'mutation { createApiToken(username: "vera", name: "x") { token } }', {
      token,
    });
    expect(res.body.data).toBeNull();
    expect(res.body.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
  });

  it('refuses a bad token with 401 UNAUTHENTICATED, and a wrong password with UNAUTHENTICATED', async () => {
    const bad = await gql(gateway.url, '{ me { id } }', { token: 'ohs_not-a-real-token' });
    expect(bad.status).toBe(401);
    expect(bad.body.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    const malformed = await gql(gateway.url, '{ me { id } }', { headers: { authorization: 'Basic abc' } });
    expect(malformed.status).toBe(401);
    const wrong = await gql(gateway.url, LOGIN, { variables: { u: 'alma', p: 'wrong-password' } });
    expect(wrong.body.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  });

  it('lets an admin use an API token created through the gateway', async () => {
    const session = await login('alma', 'alma-password-1');
    const created = await gql<{ createApiToken: { token: string } }>(
      gateway.url,
      'mutation { createApiToken(username: "alma", name: "ci") { token } }',
      { token: session },
    );
    expect(created.body.errors).toBeUndefined();
    const me = await gql(gateway.url, '{ me { username } }', {
      token: created.body.data!.createApiToken.token,
    });
    expect(me.body).toEqual({ data: { me: { username: 'alma' } } });
  });

  it('is the only way in: the subgraph refuses an unsigned call', async () => {
    const res = await gql(ops.server.url, '{ me { id } }');
    expect(res.status).toBe(401);
    expect(res.body.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  });

  it('refuses too deep, too aliased and too long operations with QUERY_TOO_COMPLEX', async () => {
    const token = await login('alma', 'alma-password-1');
    const deep = await gql(gateway.url, '{ auditLog { edges { node { actor { id } } } } }', { token });
    expect(deep.status).toBe(400);
    expect(deep.body.errors?.[0]).toMatchObject({ extensions: { code: 'QUERY_TOO_COMPLEX' } });
    expect(deep.body.errors?.[0]?.message).toMatch(/5 levels deep, at most 4/);
    const shallow = await gql(gateway.url, '{ auditLog { edges { cursor } } }', { token });
    expect(shallow.body.errors).toBeUndefined();

    const aliased = await gql(gateway.url, '{ a: me { id } b: me { id } c: me { id } d: me { id } }', {
      token,
    });
    expect(aliased.body.errors?.[0]).toMatchObject({ extensions: { code: 'QUERY_TOO_COMPLEX' } });
    expect(aliased.body.errors?.[0]?.message).toMatch(/4 aliases, at most 3/);

    const long = await gql(gateway.url, `{ me { ${'id '.repeat(400)} } }`, { token });
    expect(long.body.errors?.[0]).toMatchObject({ extensions: { code: 'QUERY_TOO_COMPLEX' } });
    expect(long.body.errors?.[0]?.message).toMatch(/more than 300 tokens/);
  });

  it('refuses a subscription over HTTP with a pointer to graphql-ws', async () => {
    const res = await gql(gateway.url, 'subscription { __typename }');
    expect(res.body.errors?.[0]?.extensions?.['code']).toMatch(/BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED/);
  });

  it('reports readiness and health to anyone, metrics only with the metrics token', async () => {
    const base = gateway.url.replace(/\/graphql$/, '');
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ok',
      subgraphs: [{ name: 'ops', up: true, latencyMs: expect.any(Number) }],
    });
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/metrics`)).status).toBe(401);
    const wrong = await fetch(`${base}/metrics`, { headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
    const metrics = await (
      await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })
    ).text();
    expect(metrics).toMatch(/opshub_gateway_requests_total\{operation="mutation",outcome="ok"\} \d+/);
    expect(metrics).toMatch(/opshub_gateway_request_duration_seconds_count \d+/);
    expect(metrics).toContain('opshub_gateway_active_subscriptions 0');
  });
});

describe('gateway error masking', () => {
  it('masks an unexpected failure with the request id and logs the original with it', async () => {
    // A second subgraph that composes but answers garbage (HTTP 500, no JSON): a fault, not an outage.
    const broken = createServer((_req, res) => {
      res.writeHead(500, { 'content-type': 'text/plain' }).end('boom');
    });
    await new Promise<void>((r) => broken.listen(0, '127.0.0.1', r));
    const brokenUrl = `http://127.0.0.1:${(broken.address() as AddressInfo).port}/graphql`;
    const sdl = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])\ntype Query { broken: String }\n`;
    const { supergraphSdl } = composeSupergraph([
      { name: 'ops', url: ops.server.url, sdl: ops.sdl },
      { name: 'broken', url: brokenUrl, sdl },
    ]);
    const second = await createGateway({
      supergraphSdl,
      subgraphUrls: { ops: ops.server.url },
      secret: TEST_SECRET,
      log: logs.log,
    });
    try {
      const res = await gql(second.url, '{ broken }', { headers: { 'x-request-id': 'mask-test-0001' } });
      const requestId = res.headers.get('x-request-id')!;
      expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(res.body.errors).toEqual([
        {
          message: `Unexpected error (request id ${requestId})`,
          extensions: { code: 'INTERNAL_SERVER_ERROR', requestId },
        },
      ]);
      // The client's own id is in the log next to ours, so the two can be matched; it is nothing more.
      const logged = logs.lines().filter((l) => l['rid'] === requestId);
      expect(logged.some((l) => l['msg'] === 'unexpected error')).toBe(true);
      expect(logged.every((l) => l['clientRequestId'] === 'mask-test-0001')).toBe(true);
      expect(logs.lines().some((l) => l['rid'] === 'mask-test-0001')).toBe(false);
      const base = second.url.replace(/\/graphql$/, '');
      const ready = await fetch(`${base}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({
        status: 'degraded',
        subgraphs: expect.arrayContaining([{ name: 'broken', up: false, latencyMs: expect.any(Number) }]),
      });
      expect(second.metrics.render()).toMatch(
        /opshub_gateway_subgraph_fetch_errors_total\{subgraph="broken"\} 1/,
      );
      // No token and no admin port: /metrics is not served at all.
      expect((await fetch(`${base}/metrics`)).status).toBe(404);
    } finally {
      await second.close();
      await new Promise<void>((r) => broken.close(() => r()));
    }
  });
});

describe('gateway web app serving', () => {
  it('serves the built web app with a fallback to index.html for client-side routes', async () => {
    const dist = await mkdtemp(path.join(tmpdir(), 'opshub-web-'));
    await mkdir(path.join(dist, 'assets'));
    await writeFile(path.join(dist, 'index.html'), '<!doctype html><title>opshub</title>');
    await writeFile(path.join(dist, 'assets', 'app-1234.js'), 'console.log(1)');
    const { supergraphSdl } = composeSupergraph([{ name: 'ops', url: ops.server.url, sdl: ops.sdl }]);
    const web = await createGateway({
      supergraphSdl,
      subgraphUrls: { ops: ops.server.url },
      secret: TEST_SECRET,
      log: logs.log,
      webDist: dist,
    });
    try {
      const base = web.url.replace(/\/graphql$/, '');
      const index = await fetch(`${base}/`);
      expect(await index.text()).toContain('<title>opshub</title>');
      // Browser hardening on the page, its assets, the API and the health routes alike.
      for (const response of [
        index,
        await fetch(`${base}/assets/app-1234.js`),
        await fetch(`${base}/healthz`),
        await fetch(web.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"query":"{ __typename }"}',
        }),
        await fetch(web.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: 'Bearer x' },
          body: '{}',
        }),
      ]) {
        const csp = response.headers.get('content-security-policy') ?? '';
        expect(csp).toContain("default-src 'self'");
        expect(csp).toContain("script-src 'self'");
        expect(csp).toContain("frame-ancestors 'none'");
        expect(csp).toContain("object-src 'none'");
        expect(response.headers.get('x-content-type-options')).toBe('nosniff');
        expect(response.headers.get('x-frame-options')).toBe('DENY');
        expect(response.headers.get('referrer-policy')).toBe('no-referrer');
        // Plain HTTP here and no trusted proxy saying otherwise: no HSTS (it would pin a host without TLS).
        expect(response.headers.get('strict-transport-security')).toBeNull();
      }
      const asset = await fetch(`${base}/assets/app-1234.js`);
      expect(asset.headers.get('cache-control')).toContain('immutable');
      const route = await fetch(`${base}/workflow/ous/42`, { headers: { accept: 'text/html' } });
      expect(route.status).toBe(200);
      expect(await route.text()).toContain('<title>opshub</title>');
      const api = await gql(web.url, '{ __typename }');
      expect(api.body).toEqual({ data: { __typename: 'Query' } });
      expect((await fetch(`${base}/readyz`)).status).toBe(200);
    } finally {
      await web.close();
      await rm(dist, { recursive: true, force: true });
    }
  });
});
