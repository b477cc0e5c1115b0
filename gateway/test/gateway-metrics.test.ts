import { buildSubgraphSchema } from '@apollo/subgraph';
import { startSubgraphServer, type RunningSubgraph } from '@opshub/subgraph-kit';
import { TEST_SECRET } from '@opshub/testing';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeSupergraph } from '../src/composition.js';
import { createGateway, type RunningGateway } from '../src/create-gateway.js';
import { capturingLogger, gql } from './harness.js';

// Two real subgraphs on the wire: "ops" answers, "dqm" is stopped halfway through (a subgraph down).
const FEDERATION = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])';
const OPS_SDL = `${FEDERATION}\ntype Query { ops: String }\ntype Mutation { bump: Int }`;
const DQM_SDL = `${FEDERATION}\ntype Query { runs: Int }`;

const logs = capturingLogger();
let ops: RunningSubgraph;
let dqm: RunningSubgraph;
let gateway: RunningGateway;
let bumps = 0;

async function serve(
  name: string,
  sdl: string,
  resolvers: Record<string, unknown>,
): Promise<RunningSubgraph> {
  return startSubgraphServer({
    name,
    schema: buildSubgraphSchema({ typeDefs: parse(sdl), resolvers: resolvers as never }),
    host: '127.0.0.1',
    port: 0,
    secret: TEST_SECRET,
    log: logs.log,
  });
}

async function scrape(): Promise<string> {
  const res = await fetch(`${gateway.adminUrl}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/plain; version=0.0.4');
  return res.text();
}

/** The value of one sample line (`name{labels}`), or undefined when the series is absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

beforeAll(async () => {
  ops = await serve('ops', OPS_SDL, { Query: { ops: () => 'ok' }, Mutation: { bump: () => ++bumps } });
  dqm = await serve('dqm', DQM_SDL, { Query: { runs: () => 42 } });
  const subgraphUrls = { ops: ops.url, dqm: dqm.url };
  gateway = await createGateway({
    supergraphSdl: composeSupergraph([
      { name: 'ops', url: ops.url, sdl: OPS_SDL },
      { name: 'dqm', url: dqm.url, sdl: DQM_SDL },
    ]).supergraphSdl,
    subgraphUrls,
    secret: TEST_SECRET,
    log: logs.log,
    subgraphTimeouts: { queryMs: 2_000 },
    metricsAccess: { adminPort: 0 },
  });
});

afterAll(async () => {
  await gateway?.close();
  await ops?.close();
  await dqm?.close();
});

describe('/metrics after real operations', () => {
  it('has a latency histogram per operation name and type, anonymous ones apart', async () => {
    const before = await scrape();
    expect(sample(before, 'opshub_gateway_subgraph_fetch_errors_total{subgraph="dqm"}')).toBe(0);
    for (let i = 0; i < 3; i++)
      expect((await gql(gateway.url, 'query Who { ops }')).body.errors).toBeUndefined();
    expect((await gql(gateway.url, '{ ops runs }')).body.data).toEqual({ ops: 'ok', runs: 42 });
    expect((await gql(gateway.url, 'mutation Bump { bump }')).body.data).toEqual({ bump: 1 });

    const text = await scrape();
    const who = 'opshub_gateway_operation_duration_seconds_count{operation="Who",type="query"}';
    expect(sample(text, who)).toBe(3);
    expect(
      sample(text, 'opshub_gateway_operation_duration_seconds_count{operation="anonymous",type="query"}'),
    ).toBe(1);
    expect(
      sample(text, 'opshub_gateway_operation_duration_seconds_count{operation="Bump",type="mutation"}'),
    ).toBe(1);
    // Cumulative buckets end with +Inf = count, and the sum is a plausible time.
    expect(
      sample(
        text,
        'opshub_gateway_operation_duration_seconds_bucket{operation="Who",type="query",le="+Inf"}',
      ),
    ).toBe(3);
    const sum = sample(text, 'opshub_gateway_operation_duration_seconds_sum{operation="Who",type="query"}')!;
    expect(sum).toBeGreaterThan(0);
    expect(sum).toBeLessThan(30);
    // The anonymous query fetched from both subgraphs.
    expect(
      sample(text, 'opshub_gateway_subgraph_fetch_duration_seconds_count{subgraph="ops"}'),
    ).toBeGreaterThanOrEqual(5);
    expect(sample(text, 'opshub_gateway_subgraph_fetch_duration_seconds_count{subgraph="dqm"}')).toBe(1);
    expect(sample(text, 'opshub_gateway_requests_total{operation="query",outcome="ok"}')).toBe(4);
    expect(text).toContain('# TYPE opshub_gateway_operation_duration_seconds histogram');
    expect(sample(text, 'opshub_gateway_processes')).toBe(1);
  });

  it('counts a fetch error against the subgraph that is down, and the operation as an error', async () => {
    await dqm.close();
    const res = await gql<{ ops: string; runs: number | null }>(gateway.url, 'query Both { ops runs }');
    expect(res.body.data?.ops).toBe('ok');
    expect(res.body.errors?.[0]?.extensions?.['code']).toBe('UPSTREAM_UNAVAILABLE');

    const text = await scrape();
    expect(sample(text, 'opshub_gateway_subgraph_fetch_errors_total{subgraph="dqm"}')).toBe(1);
    expect(sample(text, 'opshub_gateway_subgraph_fetch_errors_total{subgraph="ops"}')).toBe(0);
    expect(sample(text, 'opshub_gateway_operation_errors_total{operation="Both",type="query"}')).toBe(1);
    expect(sample(text, 'opshub_gateway_requests_total{operation="query",outcome="error"}')).toBe(1);
  });

  it('writes one access line per operation under the request id it returned', async () => {
    const res = await gql(gateway.url, 'query Traced { ops }');
    const rid = res.headers.get('x-request-id');
    expect(rid).toMatch(/^[0-9a-f-]{36}$/);
    const lines = logs.lines().filter((l) => l['rid'] === rid);
    expect(lines).toEqual(
      expect.arrayContaining([
        // the gateway's line, and the subgraph's (it logged the id the gateway signed for it)
        expect.objectContaining({
          msg: 'graphql operation',
          operation: 'Traced',
          type: 'query',
          outcome: 'ok',
        }),
        expect.objectContaining({ msg: 'graphql operation', type: 'query', outcome: 'ok' }),
      ]),
    );
    expect(lines.length).toBeGreaterThanOrEqual(2);
  });

  it('logs an operation by its own name where the metrics label it other', async () => {
    const name = `Long${'N'.repeat(120)}`;
    const res = await gql(gateway.url, `query ${name} { ops }`);
    const rid = res.headers.get('x-request-id');
    expect(logs.lines().filter((l) => l['rid'] === rid && l['msg'] === 'graphql operation')).toEqual(
      expect.arrayContaining([expect.objectContaining({ operation: name, type: 'query', outcome: 'ok' })]),
    );
    expect(
      sample(
        await scrape(),
        'opshub_gateway_operation_duration_seconds_count{operation="other",type="query"}',
      ),
    ).toBe(1);
  });
});
