import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SUBGRAPHS } from '@opshub/config';
import { TEST_SECRET } from '@opshub/testing';
import { Kind, print, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway, type RunningGateway } from '../src/create-gateway.js';
import { COST_BOMB } from './cost-bomb.js';
import { capturingLogger, gql } from './harness.js';

// The hub's real supergraph; every subgraph is one stub that answers /healthz (counted) and refuses
// /graphql, so nothing here depends on a database: what is tested is refused, or not, before any fetch.
const supergraphSdl = readFileSync(new URL('../supergraph.graphql', import.meta.url), 'utf8');
const logs = capturingLogger();
let stub: Server;
let healthProbes = 0;
let subgraphUrls: Record<string, string>;
let dev: RunningGateway;
let production: RunningGateway;

beforeAll(async () => {
  stub = createServer((req, res) => {
    if (req.url === '/healthz') {
      healthProbes++;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
      return;
    }
    res.writeHead(503).end();
  });
  await new Promise<void>((r) => stub.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(stub.address() as AddressInfo).port}/graphql`;
  subgraphUrls = Object.fromEntries(SUBGRAPHS.map((s) => [s.name, url]));
  dev = await createGateway({ supergraphSdl, subgraphUrls, secret: TEST_SECRET, log: logs.log });
  production = await createGateway({
    supergraphSdl,
    subgraphUrls,
    secret: TEST_SECRET,
    log: logs.log,
    production: true,
    trustedProxies: 'loopback',
    metricsAccess: { adminPort: 0 },
  });
});

afterAll(async () => {
  await dev?.close();
  await production?.close();
  await new Promise<void>((r) => (stub ? stub.close(() => r()) : r()));
});

const codeOf = (body: { errors?: { extensions?: Record<string, unknown> }[] }): unknown =>
  body.errors?.[0]?.extensions?.['code'];

describe('query cost limit (M7)', () => {
  it("refuses the review's bomb with QUERY_TOO_COMPLEX and its cost, before any subgraph is asked", async () => {
    const res = await gql(dev.url, COST_BOMB);
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/^Query too complex: it costs \d+, at most 10000 allowed/),
      extensions: { code: 'QUERY_TOO_COMPLEX', cost: expect.any(Number), maxCost: 10_000 },
    });
    expect(res.body.errors?.[0]?.extensions?.['cost']).toBeGreaterThan(1_000_000);
  });

  it('lets every query and mutation of the web app and the client through the limits', async () => {
    const modules = [
      await import('../../web/src/gql/graphql.js'),
      await import('../../packages/client/src/gql/graphql.js'),
    ] as Record<string, unknown>[];
    const documents = modules
      .flatMap((m) => Object.values(m))
      .filter((v): v is DocumentNode => (v as DocumentNode | null)?.kind === Kind.DOCUMENT)
      .filter((d) => (d.definitions[0] as OperationDefinitionNode).operation !== 'subscription');
    expect(documents.length).toBeGreaterThan(20);
    const variables = {
      first: 500,
      from: new Date(Date.now() - 86_400_000).toISOString(),
      to: new Date().toISOString(),
      bucketSeconds: 300,
    };
    for (const document of documents) {
      const res = await gql(dev.url, print(document), { variables });
      // They get as far as the (stubbed, unavailable) subgraphs or the argument checks; none is refused as too complex.
      expect(codeOf(res.body), print(document)).not.toBe('QUERY_TOO_COMPLEX');
    }
  });
});

describe('production mode (L1)', () => {
  it('refuses introspection and never suggests field names', async () => {
    const introspection = await gql(production.url, '{ __schema { types { name } } }');
    expect(codeOf(introspection.body)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(introspection.body.errors?.[0]?.message).toMatch(/introspection/i);
    const typo = await gql(production.url, '{ auditLogg { totalCount } }');
    expect(codeOf(typo.body)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(typo.body.errors?.[0]?.message).not.toMatch(/Did you mean/);
    expect((await gql(production.url, '{ __typename }')).body).toEqual({ data: { __typename: 'Query' } });
    // Development keeps introspection for IDEs.
    expect((await gql(dev.url, '{ __schema { queryType { name } } }')).body).toEqual({
      data: { __schema: { queryType: { name: 'Query' } } },
    });
  });
});

describe('/readyz and /metrics (L2)', () => {
  it('probes the subgraphs at most once per 1.5 s however often /readyz is asked', async () => {
    const base = dev.url.replace(/\/graphql$/, '');
    const before = healthProbes;
    const answers = await Promise.all(Array.from({ length: 20 }, () => fetch(`${base}/readyz`)));
    for (let i = 0; i < 10; i++) answers.push(await fetch(`${base}/readyz`));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    // One probe per subgraph (five subgraphs on one stub), not thirty rounds of five.
    expect(healthProbes - before).toBe(SUBGRAPHS.length);
  });

  it('serves /metrics on the admin listener only, and keeps /healthz, /readyz public', async () => {
    const base = production.url.replace(/\/graphql$/, '');
    expect((await fetch(`${base}/metrics`)).status).toBe(404);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    expect(production.adminUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const metrics = await fetch(`${production.adminUrl}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('opshub_gateway_active_subscriptions');
    expect((await fetch(`${production.adminUrl}/readyz`)).status).toBe(200);
  });
});

describe('HSTS (L3)', () => {
  it('is sent when a trusted proxy says the client came over HTTPS, never on plain HTTP', async () => {
    const base = production.url.replace(/\/graphql$/, '');
    const behindTls = await fetch(`${base}/healthz`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(behindTls.headers.get('strict-transport-security')).toMatch(/max-age=31536000/);
    expect((await fetch(`${base}/healthz`)).headers.get('strict-transport-security')).toBeNull();
    // A client's own X-Forwarded-Proto counts for nothing when no proxy is trusted.
    const devBase = dev.url.replace(/\/graphql$/, '');
    const spoofed = await fetch(`${devBase}/healthz`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(spoofed.headers.get('strict-transport-security')).toBeNull();
    expect(spoofed.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });
});
