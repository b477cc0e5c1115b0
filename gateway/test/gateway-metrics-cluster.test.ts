import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { SUBGRAPHS } from '@opshub/config';
import { freePort, TEST_SECRET, testRedisUrl, uniquePrefix, waitFor } from '@opshub/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql } from './harness.js';

// gateway/src/main.ts with GATEWAY_WORKERS=2 and an admin port: a scrape reaches either worker, and
// each must answer the figures of both. No subgraph is needed: `__typename` is answered by the gateway.
const ROOT = path.resolve(import.meta.dirname, '../..');
const lines: Record<string, unknown>[] = [];
let primary: ChildProcess;
let url: string;
let adminUrl: string;

beforeAll(async () => {
  const [port, adminPort, dead] = [await freePort(), await freePort(), await freePort()];
  primary = spawn(process.execPath, ['--import', '@swc-node/register/esm-register', 'gateway/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      GATEWAY_WORKERS: '2',
      OPSHUB_SECRET: TEST_SECRET,
      REDIS_URL: testRedisUrl(),
      REDIS_PREFIX: uniquePrefix('metrics-cluster'),
      GATEWAY_HOST: '127.0.0.1',
      GATEWAY_PORT: String(port),
      GATEWAY_ADMIN_PORT: String(adminPort),
      LOG_LEVEL: 'info',
      ...Object.fromEntries(SUBGRAPHS.map((s) => [s.urlKey, `http://127.0.0.1:${dead}/graphql`])),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let pending = '';
  primary.stdout!.on('data', (chunk: Buffer) => {
    const complete = (pending + chunk.toString()).split('\n');
    pending = complete.pop()!;
    for (const line of complete) {
      try {
        lines.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        // not a log line
      }
    }
  });
  url = `http://127.0.0.1:${port}/graphql`;
  adminUrl = `http://127.0.0.1:${adminPort}`;
  await waitFor(
    () => lines.some((l) => l['msg'] === 'gateway cluster ready') || undefined,
    'gateway cluster ready',
    90_000,
  );
}, 120_000);

afterAll(() => {
  if (primary && primary.exitCode === null) primary.kill('SIGKILL');
  for (const pid of new Set(
    lines.filter((l) => l['msg'] === 'gateway listening').map((l) => l['pid'] as number),
  )) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

const sample = (text: string, series: string): number | undefined => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

describe('/metrics of a node:cluster gateway', () => {
  it('sums every process: each scrape counts all operations, whichever process answers', async () => {
    for (let i = 0; i < 8; i++) {
      // A fresh connection each time, so the primary's round robin spreads them over both workers.
      const res = await gql(url, 'query Ping { __typename }', { headers: { connection: 'close' } });
      expect(res.body.data).toEqual({ __typename: 'Query' });
    }
    const served = new Set(
      lines
        .filter((l) => l['msg'] === 'graphql operation' && l['operation'] === 'Ping')
        .map((l) => l['worker']),
    );
    expect(served.size).toBe(2);
    for (let i = 0; i < 4; i++) {
      const text = await (await fetch(`${adminUrl}/metrics`, { headers: { connection: 'close' } })).text();
      expect(sample(text, 'opshub_gateway_processes')).toBe(2);
      expect(
        sample(text, 'opshub_gateway_operation_duration_seconds_count{operation="Ping",type="query"}'),
      ).toBe(8);
    }
  });
});
