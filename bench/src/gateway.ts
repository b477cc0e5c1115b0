// One cross-subgraph query, in one run on the same subgraphs: straight from the owning subgraph,
// through opshub's gateway in one process and in N (node:cluster), through opshub's gateway with
// in-flight deduplication off (its behaviour before issue 11), and through Hive Gateway with its
// defaults. Every target is its own process; so is the load generator (gateway-load.ts).
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import type { Principal } from '@opshub/auth';
import { createLogger } from '@opshub/config';
import { createDb } from '@opshub/db';
import { EventBus } from '@opshub/events';
import { createOpsServices, Role } from '@opshub/ops';
import { createTestDatabase, freePort, testRedisUrl, uniquePrefix } from '@opshub/testing';
import { createWorkflowServices, Executive } from '@opshub/workflow';
import type { HiveSettings } from './gateway-hive.js';
import type { LoadSpec } from './gateway-load.js';
import type { LoadResult } from './lib/load.js';
import { ROOT, startProcess, startProcessHub, stopAll, waitForHttp, type Started } from './lib/processes.js';

const SECRET = 'bench-secret-bench-secret-bench-secret-0123456789';
const OUS_COUNT = 20;

/** Through a gateway: OUSs from workflow, each transition's actor from ops. */
const GATEWAY_QUERY = `{ obsUnitSets(first: ${OUS_COUNT}) { edges { node { id state history { to at actor { username } } } } } }`;
/** Straight from workflow: the same OUSs and transitions; the actor is only its id there. */
const DIRECT_QUERY = `{ obsUnitSets(first: ${OUS_COUNT}) { edges { node { id state history { to at actor { id } } } } } }`;

const TARGETS = ['direct', 'opshub', 'opshubCluster', 'opshubNoDedup', 'hive'] as const;
type Target = (typeof TARGETS)[number];

interface TargetResult extends LoadResult {
  /** Each round's own figures (the top-level ones are over all rounds). */
  rounds: LoadResult[];
}

interface GatewayBenchResult {
  query: { gateway: string; direct: string };
  settings: {
    concurrency: number;
    seconds: number;
    warmupSeconds: number;
    rounds: number;
    clusterWorkers: number;
    ous: number;
    transitionsPerOus: number;
  };
  targets: Record<Target, string>;
  results: Record<Target, TargetResult>;
  ratio: {
    opshubToHive: number;
    opshubClusterToHive: number;
    opshubToDirect: number;
    opshubClusterToDirect: number;
    opshubToNoDedup: number;
    hiveToDirect: number;
  };
}

async function seed(databaseUrl: string, prefix: string): Promise<void> {
  const db = createDb(databaseUrl);
  const events = await EventBus.connect(testRedisUrl(), prefix);
  const ops = createOpsServices(db, { sessionTtlHours: 1 });
  const users = [];
  for (const [name, role] of [
    ['bench-admin', Role.ADMIN],
    ['reducer', Role.OPERATOR],
    ['reviewer', Role.OPERATOR],
  ] as const) {
    users.push(await ops.users.create({ username: name, password: 'bench-password-1', roles: [role] }));
  }
  const wf = createWorkflowServices(db, events, createLogger('bench', 'silent'), {
    store: {
      productRoot: path.join(tmpdir(), `${prefix.replace(/\W/g, '_')}-products`),
      archiveRoot: tmpdir(),
    },
    pipeline: { durationMs: 0, failureRate: 0 },
  });
  const [admin, reducer, reviewer] = users.map((u) => ({ id: u.id, username: u.username, roles: u.roles }));
  for (let i = 0; i < OUS_COUNT; i++) {
    const id = `uid://B1/B1/X${i.toString(16)}`;
    await wf.ous.create('2015.1.00657.S', id, admin!);
    await wf.ous.apply(
      id,
      { kind: 'assignRecipe', recipe: 'PipelineCalibration' },
      { system: 'batch-helper' },
    );
    await wf.ous.apply(id, { kind: 'assignExecutive', executive: Executive.EU }, reducer!);
    // A real (instant) run: startReview needs the pipeline report it writes.
    await wf.pipeline.run(id, Executive.EU, { queue: 'bench', jobId: null });
    await wf.ous.apply(id, { kind: 'startReview' }, reviewer!);
  }
  await events.close();
  await db.$disconnect();
}

const r3 = (x: number) => Math.round(x * 1000) / 1000;

/** Runs one closed loop in a process of its own and returns what it measured. */
function loadProcess(spec: LoadSpec): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', '@swc-node/register/esm-register', 'bench/src/gateway-load.ts'],
      {
        cwd: ROOT,
        env: { ...process.env, BENCH_LOAD: JSON.stringify(spec) },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`load process exited ${code}`));
      resolve(JSON.parse(out.trim().split('\n').at(-1)!) as LoadResult);
    });
  });
}

/** Rounds pooled: requests and seconds summed; latencies as the mean of the rounds' percentiles. */
function pooled(rounds: LoadResult[]): TargetResult {
  const sum = (f: (r: LoadResult) => number) => rounds.reduce((a, r) => a + f(r), 0);
  const mean = (f: (r: LoadResult) => number) => Math.round((sum(f) / rounds.length) * 100) / 100;
  const seconds = sum((r) => r.seconds);
  return {
    requests: sum((r) => r.requests),
    errors: sum((r) => r.errors),
    seconds: Math.round(seconds * 100) / 100,
    throughputPerSecond: Math.round((sum((r) => r.requests) / seconds) * 100) / 100,
    latencyMs: {
      p50: mean((r) => r.latencyMs.p50),
      p90: mean((r) => r.latencyMs.p90),
      p99: mean((r) => r.latencyMs.p99),
      max: Math.max(...rounds.map((r) => r.latencyMs.max)),
    },
    rounds,
  };
}

/** The committed supergraph with each started subgraph's URL where the bench runs it. */
async function supergraphAt(urls: Record<string, string>): Promise<string> {
  const sdl = await readFile(path.join(ROOT, 'gateway/supergraph.graphql'), 'utf8');
  return sdl.replace(/name: "(\w+)", url: "[^"]*"/g, (whole, name: string) =>
    urls[name] ? `name: "${name}", url: "${urls[name]}"` : whole,
  );
}

export const gatewayBench = {
  async run(args: string[]): Promise<GatewayBenchResult> {
    const settings = {
      concurrency: Number(args[0] ?? 16),
      seconds: Number(args[1] ?? 10),
      warmupSeconds: 3,
      rounds: Number(args[2] ?? 2),
      clusterWorkers: Number(args[3] ?? availableParallelism()),
      ous: OUS_COUNT,
      transitionsPerOus: 5,
    };
    const database = await createTestDatabase('bench-gateway');
    const prefix = uniquePrefix('bench');
    const started: Started[] = [];
    const scratch = await mkdtemp(path.join(tmpdir(), 'bench-gateway-'));
    try {
      await seed(database.url, prefix);
      const env = {
        DATABASE_URL: database.url,
        REDIS_URL: testRedisUrl(),
        REDIS_PREFIX: prefix,
        OPSHUB_SECRET: SECRET,
      };
      const hub = await startProcessHub(['ops', 'workflow'], { ...env, GATEWAY_WORKERS: '1' }, started);
      const subgraphUrls = hub.subgraphUrls as Record<string, string>;
      const gatewayEnv = {
        ...env,
        GATEWAY_HOST: '127.0.0.1',
        OPS_SUBGRAPH_URL: subgraphUrls['ops']!,
        WORKFLOW_SUBGRAPH_URL: subgraphUrls['workflow']!,
      };
      const extra = async (name: string, entry: string, more: Record<string, string>, health: string) => {
        const port = await freePort();
        started.push(startProcess(name, entry, { ...gatewayEnv, GATEWAY_PORT: String(port), ...more }));
        await waitForHttp(`http://127.0.0.1:${port}${health}`);
        return `http://127.0.0.1:${port}/graphql`;
      };
      const clusterUrl = await extra(
        'gateway-cluster',
        'gateway/src/main.ts',
        { GATEWAY_WORKERS: String(settings.clusterWorkers) },
        '/healthz',
      );
      const noDedupUrl = await extra(
        'gateway-no-dedup',
        'gateway/src/main.ts',
        { GATEWAY_WORKERS: '1', GATEWAY_DEDUPLICATE_FETCHES: 'false' },
        '/healthz',
      );

      const login = (await (
        await fetch(hub.gatewayUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            query:
              'mutation { login(username: "bench-admin", password: "bench-password-1") { token user { id username roles } } }',
          }),
        })
      ).json()) as { data: { login: { token: string; user: Principal } } };
      const { token, user } = login.data.login;

      const supergraphFile = path.join(scratch, 'supergraph.graphql');
      await writeFile(supergraphFile, await supergraphAt(subgraphUrls));
      const hivePort = await freePort();
      const hive: HiveSettings = { port: hivePort, secret: SECRET, supergraphFile, urls: subgraphUrls, user };
      started.push(
        startProcess('hive-gateway', 'bench/src/gateway-hive.ts', { BENCH_HIVE: JSON.stringify(hive) }),
      );
      await waitForHttp(`http://127.0.0.1:${hivePort}/healthcheck`);
      const hiveUrl = `http://127.0.0.1:${hivePort}/graphql`;

      const bearer = { kind: 'bearer' as const, token };
      const specs: Record<Target, Pick<LoadSpec, 'url' | 'query' | 'auth'>> = {
        direct: {
          url: subgraphUrls['workflow']!,
          query: DIRECT_QUERY,
          auth: { kind: 'signed', secret: SECRET, subgraph: 'workflow', user },
        },
        opshub: { url: hub.gatewayUrl, query: GATEWAY_QUERY, auth: bearer },
        opshubCluster: { url: clusterUrl, query: GATEWAY_QUERY, auth: bearer },
        opshubNoDedup: { url: noDedupUrl, query: GATEWAY_QUERY, auth: bearer },
        hive: { url: hiveUrl, query: GATEWAY_QUERY, auth: bearer },
      };
      const rounds = Object.fromEntries(TARGETS.map((t) => [t, [] as LoadResult[]])) as Record<
        Target,
        LoadResult[]
      >;
      // Rounds interleave the targets, so a burst of other load on the machine falls on all of them.
      for (let round = 0; round < settings.rounds; round++) {
        for (const target of TARGETS) {
          rounds[target].push(await loadProcess({ ...specs[target], edges: OUS_COUNT, ...settings }));
        }
      }
      const results = Object.fromEntries(TARGETS.map((t) => [t, pooled(rounds[t])])) as Record<
        Target,
        TargetResult
      >;
      const rps = (t: Target) => results[t].throughputPerSecond;
      return {
        query: { gateway: GATEWAY_QUERY, direct: DIRECT_QUERY },
        settings,
        targets: {
          direct: 'the workflow subgraph itself (actor as its id), signed per request',
          opshub: 'opshub gateway, GATEWAY_WORKERS=1',
          opshubCluster: `opshub gateway, GATEWAY_WORKERS=${settings.clusterWorkers}`,
          opshubNoDedup: 'opshub gateway, GATEWAY_WORKERS=1, GATEWAY_DEDUPLICATE_FETCHES=false',
          hive: '@graphql-hive/gateway createGatewayRuntime defaults, signing each subgraph fetch',
        },
        results,
        ratio: {
          opshubToHive: r3(rps('opshub') / rps('hive')),
          opshubClusterToHive: r3(rps('opshubCluster') / rps('hive')),
          opshubToDirect: r3(rps('opshub') / rps('direct')),
          opshubClusterToDirect: r3(rps('opshubCluster') / rps('direct')),
          opshubToNoDedup: r3(rps('opshub') / rps('opshubNoDedup')),
          hiveToDirect: r3(rps('hive') / rps('direct')),
        },
      };
    } finally {
      await stopAll(started);
      await database.drop();
      await rm(scratch, { recursive: true, force: true });
    }
  },
  summary(r: GatewayBenchResult): string {
    const line = (name: Target) => {
      const x = r.results[name];
      return `${name.padEnd(14)} ${x.throughputPerSecond.toFixed(1).padStart(8)} req/s  p50 ${x.latencyMs.p50} ms  p99 ${x.latencyMs.p99} ms  errors ${x.errors}/${x.requests}`;
    };
    const q = r.ratio;
    return [
      `gateway bench: ${r.settings.ous} OUSs × ${r.settings.transitionsPerOus} transitions, ${r.settings.concurrency} clients, ${r.settings.rounds} rounds × ${r.settings.seconds} s per target`,
      ...TARGETS.map(line),
      `opshub/hive ${q.opshubToHive}× (cluster ${q.opshubClusterToHive}×), opshub/direct ${q.opshubToDirect}× (cluster ${q.opshubClusterToDirect}×), dedup on/off ${q.opshubToNoDedup}×, hive/direct ${q.hiveToDirect}×`,
    ].join('\n');
  },
};
