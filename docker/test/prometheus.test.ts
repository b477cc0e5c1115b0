// The Prometheus example (docker/prometheus) checked without promtool (not installed here): its
// scrape targets are the compose services and ports that serve /metrics, and every metric its alert
// rules name is one a real gateway's or a real workers process's /metrics exports.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { createLogger } from '@opshub/config';
import { createGateway, composeSupergraph } from '@opshub/gateway';
import { startSubgraphServer } from '@opshub/subgraph-kit';
import { createTestDatabase, deleteKeys, TEST_SECRET, testRedisUrl, uniquePrefix } from '@opshub/testing';
import { startWorkers } from '@opshub/workers';
import { parse as parseGraphQL } from 'graphql';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const DOCKER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const read = (file: string) =>
  parse(readFileSync(path.join(DOCKER, file), 'utf8'), { merge: true }) as unknown;

interface Rule {
  alert?: string;
  record?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}
interface Prometheus {
  rule_files: string[];
  scrape_configs: {
    job_name: string;
    metrics_path?: string;
    dns_sd_configs?: { names: string[]; type: string; port: number }[];
  }[];
}
interface Service {
  image?: string;
  profiles?: string[];
  command?: string[];
  volumes?: string[];
  networks?: string[];
  environment?: Record<string, string>;
}

const prometheus = read('prometheus/prometheus.yml') as Prometheus;
const rules = (read('prometheus/alerts.yml') as { groups: { name: string; rules: Rule[] }[] }).groups.flatMap(
  (g) => g.rules,
);
const services = (read('compose.yml') as { services: Record<string, Service> }).services;

const KEYWORDS = new Set([
  'and',
  'or',
  'unless',
  'by',
  'without',
  'offset',
  'bool',
  'on',
  'ignoring',
  'group_left',
  'group_right',
]);

/** The metric names a PromQL expression reads (not functions, label names, strings or durations). */
function metricNames(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, ' ')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ')
    .replace(/\boffset\s+\w+/g, ' ');
  const names = new Set<string>();
  for (const m of bare.matchAll(/(?<![\w.])([a-zA-Z_:][a-zA-Z0-9_:]*)\b(\s*\()?/g)) {
    if (m[2] || KEYWORDS.has(m[1]!)) continue;
    names.add(m[1]!);
  }
  return [...names];
}

/** Every name a scrape exposes: each family of `# TYPE`, with _bucket/_sum/_count for histograms. */
function exported(text: string): Set<string> {
  const names = new Set<string>();
  for (const [, name, type] of text.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    names.add(name!);
    if (type === 'histogram') for (const s of ['_bucket', '_sum', '_count']) names.add(`${name}${s}`);
  }
  return names;
}

async function gatewayScrape(): Promise<string> {
  const log = createLogger('prometheus-test', 'silent');
  const sdl =
    'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])\ntype Query { ops: String }';
  const ops = await startSubgraphServer({
    name: 'ops',
    schema: buildSubgraphSchema({ typeDefs: parseGraphQL(sdl), resolvers: { Query: { ops: () => 'ok' } } }),
    host: '127.0.0.1',
    port: 0,
    secret: TEST_SECRET,
    log,
  });
  const gateway = await createGateway({
    supergraphSdl: composeSupergraph([{ name: 'ops', url: ops.url, sdl }]).supergraphSdl,
    subgraphUrls: { ops: ops.url },
    secret: TEST_SECRET,
    log,
    metricsAccess: { adminPort: 0 },
  });
  try {
    return await (await fetch(`${gateway.adminUrl}/metrics`)).text();
  } finally {
    await gateway.close();
    await ops.close();
  }
}

async function workersScrape(): Promise<string> {
  const database = await createTestDatabase('prometheus-rules');
  const prefix = uniquePrefix('prometheus-rules');
  const workers = await startWorkers({
    env: {
      DATABASE_URL: database.url,
      REDIS_URL: testRedisUrl(),
      REDIS_PREFIX: prefix,
      SESSION_TTL_HOURS: 1,
      WORKER_SHUTDOWN_MS: 2_000,
      LOG_LEVEL: 'silent',
    },
    log: createLogger('prometheus-test', 'silent'),
    modules: [],
    schedules: [],
    metrics: { port: 0, host: '127.0.0.1' },
  });
  try {
    return await (await fetch(`${workers.metricsUrl}/metrics`)).text();
  } finally {
    await workers.stop();
    await database.drop();
    await deleteKeys(testRedisUrl(), prefix).catch(() => undefined);
  }
}

describe('docker/prometheus', () => {
  it('runs under the monitoring profile, pinned by tag, with its config and rules mounted', () => {
    const p = services['prometheus']!;
    expect(p.profiles).toEqual(['monitoring']);
    expect(p.image).toMatch(/^prom\/prometheus:v\d+\.\d+\.\d+(@sha256:[0-9a-f]{64})?$/);
    expect(p.volumes).toContain('./prometheus:/etc/prometheus:ro');
    expect(p.command).toContain('--config.file=/etc/prometheus/prometheus.yml');
    expect(prometheus.rule_files).toEqual(['/etc/prometheus/alerts.yml']);
    expect(p.networks).toContain('internal');
  });

  it('scrapes every gateway and workers replica where compose serves their /metrics', () => {
    const job = (name: string) => prometheus.scrape_configs.find((j) => j.job_name === name)!;
    const target = (name: string) => job(name).dns_sd_configs![0]!;
    expect(target('gateway')).toMatchObject({ names: ['gateway'], type: 'A' });
    expect(target('workers')).toMatchObject({ names: ['workers'], type: 'A' });
    const gateway = services['gateway']!.environment!;
    const workers = services['workers']!.environment!;
    expect(target('gateway').port).toBe(Number(gateway['GATEWAY_ADMIN_PORT']));
    expect(target('workers').port).toBe(Number(workers['WORKERS_METRICS_PORT']));
    // Reachable from another container: bound to the container's interfaces, on the network Prometheus shares.
    expect(gateway['GATEWAY_ADMIN_HOST']).toBe('0.0.0.0');
    expect(workers['WORKERS_METRICS_HOST']).toBe('0.0.0.0');
    for (const name of ['gateway', 'workers']) expect(services[name]!.networks).toContain('internal');
  });

  it('has the alerts an operator needs, each with a severity and a summary', () => {
    const names = rules.map((r) => r.alert);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(
      expect.arrayContaining([
        'OpshubGatewayDown',
        'OpshubGatewayErrorRate',
        'OpshubGatewayLatencyP99',
        'OpshubSubgraphFetchErrors',
        'OpshubSubscriptionsDropped',
        'OpshubQueueFailedJobsGrowing',
        'OpshubDeadLettersGrowing',
        'OpshubIngestStalled',
        'OpshubWorkersDown',
      ]),
    );
    for (const rule of rules) {
      expect(rule.expr.trim(), rule.alert).not.toBe('');
      expect(['warning', 'critical'], rule.alert).toContain(rule.labels?.['severity']);
      expect(rule.annotations?.['summary'], rule.alert).toBeTruthy();
      expect(rule.for ?? '0m', rule.alert).toMatch(/^\d+[smh]$/);
      // Balanced brackets: a cheap stand-in for promtool's parse.
      for (const [open, close] of ['()', '{}', '[]'])
        expect(rule.expr.split(open!).length, `${rule.alert} ${open}${close}`).toBe(
          rule.expr.split(close!).length,
        );
    }
  });

  it('names only metrics that the gateway and the workers really export', async () => {
    expect(metricNames('sum by (le) (rate(a_bucket{x="y"}[5m])) > 2 and b offset 10m')).toEqual([
      'a_bucket',
      'b',
    ]);
    const available = new Set(['up', ...exported(await gatewayScrape()), ...exported(await workersScrape())]);
    expect(available).toContain('opshub_gateway_operation_duration_seconds_bucket');
    expect(available).toContain('opshub_queue_jobs');
    const missing = rules.flatMap((r) =>
      metricNames(r.expr)
        .filter((name) => !available.has(name))
        .map((name) => `${r.alert}: ${name}`),
    );
    expect(missing).toEqual([]);
  }, 60_000);
});
