import { execFile, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ALERTS_SUBGRAPH_KEYS, openAlertsServices, printSdl, startAlertsSubgraph } from '@opshub/alerts';
import { loadEnv } from '@opshub/config';
import { createDb, type Db } from '@opshub/db';
import { EventBus } from '@opshub/events';
import type { RunningSubgraph } from '@opshub/subgraph-kit';
import {
  createTestDatabase,
  TEST_SECRET,
  testRedisUrl,
  uniquePrefix,
  type TestDatabase,
} from '@opshub/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeSupergraph } from '../src/composition.js';
import { createGateway, type RunningGateway } from '../src/create-gateway.js';
import { capturingLogger, gql, startOpsOn } from './harness.js';

const FLOW = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../e2e/tom-client/tom_flow.py');
/** An object id beyond 2^53: a double would lose its last digits. */
const OBJECT = 9_007_199_254_740_993n;
const OBJECTS = [OBJECT, OBJECT + 2n];
const logs = capturingLogger();

let database: TestDatabase;
let db: Db;
let ops: Awaited<ReturnType<typeof startOpsOn>>;
let alerts: RunningSubgraph;
let gateway: RunningGateway;
let origin: string;

/** Alerts in the v0.9.1 JSON shape: per object, five nights of detections and nightly forced photometry. */
function alertLines(): string {
  const lines: string[] = [];
  for (const object of OBJECTS) {
    const diaObject = {
      diaObjectId: String(object),
      simVersion: 'tom-test',
      ra: 10.5,
      decl: -20.25,
      hostgal_mag_r: 21.5,
    };
    const forced = Array.from({ length: 8 }, (_, k) => ({
      diaForcedSourceId: String(object * 100n + BigInt(k)),
      diaObjectId: String(object),
      midPointTai: 60_000 + k - 3,
      filterName: 'g',
      psFlux: 100 * (k + 1),
      psFluxErr: 10,
    }));
    const sources = Array.from({ length: 5 }, (_, n) => ({
      diaSourceId: String(object * 10n + BigInt(n)),
      diaObjectId: String(object),
      midPointTai: 60_000 + n + 0.5,
      filterName: 'r',
      ra: 10.5,
      decl: -20.25,
      psFlux: 500,
      psFluxErr: 20,
      snr: 25,
    }));
    sources.forEach((s, n) =>
      lines.push(
        JSON.stringify({
          alertId: String(object * 10n + BigInt(n)),
          diaSource: s,
          prvDiaSources: sources.slice(0, n),
          prvDiaForcedSources: forced.filter((f) => f.midPointTai < s.midPointTai),
          diaObject,
        }),
      ),
    );
  }
  return lines.join('\n') + '\n';
}

beforeAll(async () => {
  database = await createTestDatabase('tom_gateway');
  db = createDb(database.url);
  ops = await startOpsOn(db, logs.log);
  const prefix = uniquePrefix('tom_gateway');
  const env = loadEnv(ALERTS_SUBGRAPH_KEYS, {
    ...process.env,
    DATABASE_URL: database.url,
    OPSHUB_SECRET: TEST_SECRET,
    SUBGRAPH_HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    REDIS_URL: testRedisUrl(),
    REDIS_PREFIX: prefix,
    ALERTS_PORT: '0',
  });
  alerts = await startAlertsSubgraph({ env, log: logs.log });
  const { supergraphSdl } = composeSupergraph([
    { name: 'ops', url: ops.server.url, sdl: ops.sdl },
    { name: 'alerts', url: alerts.url, sdl: await printSdl() },
  ]);
  gateway = await createGateway({ supergraphSdl, subgraphUrls: {}, secret: TEST_SECRET, log: logs.log });
  origin = new URL(gateway.url).origin;
  const events = await EventBus.connect(testRedisUrl(), prefix);
  const services = openAlertsServices(database.url, { events, log: logs.log });
  try {
    const result = await services.ingest.ingestBytes('tom.ndjson', Buffer.from(alertLines()));
    expect(result.quarantined).toBe(0);
  } finally {
    await services.close();
    await events.close();
  }
  await ops.services.users.create({
    username: 'sci',
    password: 'sci-password-1',
    roles: ['VIEWER', 'BROKER', 'SQL'] as never,
  });
}, 120_000);

afterAll(async () => {
  await gateway?.close();
  await alerts?.close();
  await ops?.stop();
  await db?.$disconnect();
  await database?.drop();
});

/** The first Python that has `requests` (pyenv's, then the system's: apt's python3-requests). */
function python(): string {
  for (const candidate of [process.env['PYTHON'], 'python3', '/usr/bin/python3', 'python'].filter(Boolean)) {
    const probe = spawnSync(candidate!, ['-c', 'import requests'], { stdio: 'ignore' });
    if (probe.status === 0) return candidate!;
  }
  throw new Error('No python with `requests` (pip install requests, or apt-get install -y python3-requests)');
}

describe("the DESC TOM's scripts through the gateway", () => {
  it('runs the TOM client flow from Python requests: form login with CSRF, lists, pages, detail, ltcv, broker PUT, runsqlquery', async () => {
    // Asynchronously: the gateway answering the script runs in this process.
    const run = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      execFile(
        python(),
        [FLOW, origin, 'sci', 'sci-password-1', ...[OBJECT, OBJECT * 10n, OBJECT * 10n].map(String)],
        { encoding: 'utf8', timeout: 60_000 },
        (error, stdout, stderr) =>
          resolve({ status: error ? (error.code as number | null) : 0, stdout, stderr }),
      );
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const seen = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(seen).toMatchObject({
      wrong_password_status: 401,
      session_cookie: true,
      objects: 2,
      sources: 10,
      source_pages: 1,
      bad_request: { status: 'error', code: 'BAD_USER_INPUT' },
    });
    expect(seen['ltcv_points']).toBe(8);
    expect(seen).toMatchObject({ broker_put: 1, runsqlquery_rows: 2, runsqlquery_write: expect.any(String) });
  }, 90_000);

  it('takes a bearer token instead of the session, keeps the security headers and request id', async () => {
    const login = await gql<{ login: { token: string } }>(
      gateway.url,
      'mutation { login(username: "sci", password: "sci-password-1") { token } }',
    );
    const token = login.body.data!.login.token;
    const r = await fetch(`${origin}/elasticc/diaobject/${OBJECT}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(r.status).toBe(200);
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await r.text()).toContain(`"diaObjectId":${OBJECT}`);
    const csv = await fetch(`${origin}/export/sources?format=csv`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toMatch(/^diaSourceId,diaObjectId,midPointTai/);
    expect(lines).toHaveLength(11);
    expect(lines[1]).toContain(`${OBJECT * 10n},${OBJECT},`);
  });

  it('answers JSON with a code: no caller, a bad token, a form without its CSRF token', async () => {
    const anonymous = await fetch(`${origin}/elasticc2/ltcv`, { method: 'POST', body: '{}' });
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ status: 'error', code: 'UNAUTHENTICATED' });
    const bad = await fetch(`${origin}/elasticc/diaobject/`, { headers: { authorization: 'Bearer nope' } });
    expect(bad.status).toBe(401);
    const noCsrf = await fetch(`${origin}/accounts/login/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'username=sci&password=sci-password-1',
    });
    expect(noCsrf.status).toBe(403);
    expect(await noCsrf.json()).toMatchObject({ code: 'FORBIDDEN' });
    const unknown = await fetch(`${origin}/elasticc2/nothing`, { headers: { cookie: 'sessionid=forged' } });
    expect(unknown.status).toBe(401);
  });
});
