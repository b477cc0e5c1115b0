// Fault: one subgraph (dqm) goes away behind the gateway, first stopped (connection refused), then
// hanging (a listener on its port that accepts and never answers). A query that touches it gets the
// fields of the other subgraphs plus a coded UPSTREAM_UNAVAILABLE on the dqm field, within the
// gateway's subgraph timeout (GATEWAY_SUBGRAPH_TIMEOUT_MS, 1.5 s here); queries that do not touch it
// answer as fast as before (latency measured before and during each fault).
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type Hub } from '../hub.js';
import { gql, percentile, report, type GqlResult } from './faults-helpers.js';

const QUERY_TIMEOUT_MS = 1_500;
/** Touches dqm (a nullable field, so the rest survives its error) and ops. */
const MIXED = '{ dqmRun(camera: "cam-1", runNumber: 1) { runNumber } me { username } }';
/** Touches ops and dcs only. */
const OTHERS = '{ me { username } alarms(active: true) { id } }';

let hub: Hub;
let token: string;
let hang: Server | undefined;
const hung = new Set<Socket>();

beforeAll(async () => {
  hub = await startHub({ label: 'e2e-subgraph-down', subgraphTimeouts: { queryMs: QUERY_TIMEOUT_MS } });
  token = await hub.token('viewer');
}, 120_000);

afterAll(async () => {
  for (const s of hung) s.destroy();
  if (hang) await new Promise((r) => hang!.close(r));
  await hub?.stop();
});

/** `n` requests of OTHERS one after the other; their latencies, failing on any error. */
async function others(n: number): Promise<number[]> {
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = await gql(hub.graphqlUrl, token, OTHERS);
    expect(r.errors).toBeUndefined();
    expect(r.data!['me'].username).toBe('viewer');
    ms.push(r.ms);
  }
  return ms;
}

/** The mixed query answered with ops' field and a coded error on dqm's. */
function expectPartial(r: GqlResult): void {
  expect(r.status).toBe(200);
  expect(r.data).toEqual({ dqmRun: null, me: { username: 'viewer' } });
  expect(r.errors).toHaveLength(1);
  // The gateway's fetch error names the service, not the field (Apollo gives it no `path`).
  expect(r.errors![0]).toMatchObject({
    message: expect.stringMatching(/^The dqm service (is unavailable|did not answer)/),
    extensions: { code: 'UPSTREAM_UNAVAILABLE' },
  });
  // Neither the subgraph's address nor a stack reaches the client.
  expect(JSON.stringify(r.errors)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|stack/);
}

describe('one subgraph down', () => {
  it('answers the rest with a coded UPSTREAM_UNAVAILABLE for its fields, within the timeout, others unaffected', async () => {
    // Warm up, then the baseline.
    await others(5);
    const healthy = await gql(hub.graphqlUrl, token, MIXED);
    expect(healthy.errors).toBeUndefined();
    const baseline = await others(20);

    // Stopped: connection refused.
    const port = hub.subgraphs['dqm']!.port;
    await hub.subgraphs['dqm']!.close();
    const refused: GqlResult[] = [];
    for (let i = 0; i < 5; i++) refused.push(await gql(hub.graphqlUrl, token, MIXED));
    refused.forEach(expectPartial);
    const duringStop = await others(20);

    // Hanging: accepts the connection, never answers.
    hang = createServer((socket) => {
      hung.add(socket);
      socket.on('close', () => hung.delete(socket));
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve, reject) => {
      hang!.once('error', reject);
      hang!.listen(port, '127.0.0.1', () => resolve());
    });
    // Two hanging queries in flight while the others run.
    const hanging = Promise.all([gql(hub.graphqlUrl, token, MIXED), gql(hub.graphqlUrl, token, MIXED)]);
    const duringHang = await others(20);
    const timedOut = await hanging;
    timedOut.forEach(expectPartial);
    for (const r of timedOut) {
      expect(r.ms).toBeGreaterThanOrEqual(QUERY_TIMEOUT_MS - 50);
      expect(r.ms).toBeLessThan(QUERY_TIMEOUT_MS + 1_000);
    }
    expect(timedOut[0]!.errors![0]!.message).toMatch(/did not answer within 1\.5 s/);

    const p = (xs: number[]) => ({ p50: percentile(xs, 50), p95: percentile(xs, 95) });
    const figures = {
      subgraph: 'dqm',
      queryTimeoutMs: QUERY_TIMEOUT_MS,
      refusedAnswerMs: p(refused.map((r) => r.ms)),
      hangAnswerMs: timedOut.map((r) => Math.round(r.ms)),
      othersMs: { baseline: p(baseline), duringStop: p(duringStop), duringHang: p(duringHang) },
      errorCode: 'UPSTREAM_UNAVAILABLE',
    };
    report('subgraph-down', figures);
    // A refused connection is reported at once, not after the timeout.
    expect(figures.refusedAnswerMs.p95).toBeLessThan(QUERY_TIMEOUT_MS);
    // Others unaffected: within a loaded machine's noise of the baseline.
    expect(figures.othersMs.duringStop.p50).toBeLessThan(3 * figures.othersMs.baseline.p50 + 50);
    expect(figures.othersMs.duringHang.p50).toBeLessThan(3 * figures.othersMs.baseline.p50 + 50);
  }, 60_000);
});
