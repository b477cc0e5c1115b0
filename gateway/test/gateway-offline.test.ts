// A facility's network has no way out, and the hub must not try: @apollo/gateway, left to itself,
// probes the AWS, GCP, Azure and Alibaba metadata endpoints when it is built and reports usage data to
// Apollo every hour. Every HTTP request any library in the gateway process starts is watched here
// (node:http's and undici's diagnostics channels) while a gateway starts and answers a query.
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { TEST_SECRET } from '@opshub/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { composeSupergraph } from '../src/composition.js';
import { createGateway, type RunningGateway } from '../src/create-gateway.js';
import { capturingLogger, gql, startOps, type OpsFixture } from './harness.js';

const hosts = new Set<string>();
const onHttp = (message: unknown): void => {
  const request = (message as { request: { host?: string; getHeader(n: string): unknown } }).request;
  hosts.add(String(request.host ?? request.getHeader('host')).replace(/:\d+$/, ''));
};
const onUndici = (message: unknown): void => {
  const { origin } = (message as { request: { origin: string | URL } }).request;
  hosts.add(new URL(String(origin)).hostname);
};

const logs = capturingLogger();
let ops: OpsFixture;
let gateway: RunningGateway;

beforeAll(async () => {
  subscribe('http.client.request.start', onHttp);
  subscribe('undici:request:create', onUndici);
  ops = await startOps(logs.log, 'gateway-offline');
  const { supergraphSdl } = composeSupergraph([{ name: 'ops', url: ops.server.url, sdl: ops.sdl }]);
  gateway = await createGateway({
    supergraphSdl,
    subgraphUrls: { ops: ops.server.url },
    secret: TEST_SECRET,
    log: logs.log,
  });
}, 60_000);

afterAll(async () => {
  unsubscribe('http.client.request.start', onHttp);
  unsubscribe('undici:request:create', onUndici);
  await gateway?.close();
  await ops?.stop();
});

it('calls nothing but its own subgraphs: no cloud metadata probe, no usage report to Apollo', async () => {
  const res = await gql(gateway.url, '{ __typename }');
  expect(res.body.errors).toBeUndefined();
  expect(res.body.data).toEqual({ __typename: 'Query' });
  // The detectors' requests start at once, but give a slow one a moment to be issued.
  await new Promise((r) => setImmediate(r));
  expect([...hosts].filter((h) => h !== '127.0.0.1' && h !== 'localhost')).toEqual([]);
  expect(hosts.size).toBeGreaterThan(0);
});
