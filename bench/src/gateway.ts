// One cross-subgraph query through the gateway vs the same data straight from the owning subgraph.
import { tmpdir } from 'node:os';
import path from 'node:path';
import { signInternal } from '@opshub/auth';
import { createLogger } from '@opshub/config';
import { createDb } from '@opshub/db';
import { EventBus } from '@opshub/events';
import { createOpsServices, Role } from '@opshub/ops';
import { createTestDatabase, testRedisUrl, uniquePrefix } from '@opshub/testing';
import { createWorkflowServices, Executive } from '@opshub/workflow';
import { closedLoop, type LoadResult } from './lib/load.js';
import { startProcessHub, stopAll, type Started } from './lib/processes.js';

const SECRET = 'bench-secret-bench-secret-bench-secret-0123456789';
const OUS_COUNT = 20;

/** Through the gateway: OUSs from workflow, each transition's actor from ops. */
const GATEWAY_QUERY = `{ obsUnitSets(first: ${OUS_COUNT}) { edges { node { id state history { to at actor { username } } } } } }`;
/** Straight from workflow: the same OUSs and transitions; the actor is only its id there. */
const DIRECT_QUERY = `{ obsUnitSets(first: ${OUS_COUNT}) { edges { node { id state history { to at actor { id } } } } } }`;

interface GatewayBenchResult {
  query: { gateway: string; direct: string };
  settings: {
    concurrency: number;
    seconds: number;
    warmupSeconds: number;
    ous: number;
    transitionsPerOus: number;
  };
  gateway: LoadResult;
  direct: LoadResult;
  ratio: { throughput: number; p50: number; p99: number };
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

export const gatewayBench = {
  async run(args: string[]): Promise<GatewayBenchResult> {
    const settings = {
      concurrency: Number(args[0] ?? 16),
      seconds: Number(args[1] ?? 10),
      warmupSeconds: 3,
      ous: OUS_COUNT,
      transitionsPerOus: 5,
    };
    const database = await createTestDatabase('bench-gateway');
    const prefix = uniquePrefix('bench');
    const started: Started[] = [];
    try {
      await seed(database.url, prefix);
      const { gatewayUrl, subgraphUrls } = await startProcessHub(
        ['ops', 'workflow'],
        {
          DATABASE_URL: database.url,
          REDIS_URL: testRedisUrl(),
          REDIS_PREFIX: prefix,
          OPSHUB_SECRET: SECRET,
        },
        started,
      );

      const login = (await (
        await fetch(gatewayUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            query: 'mutation { login(username: "bench-admin", password: "bench-password-1") { token } }',
          }),
        })
      ).json()) as { data: { login: { token: string } } };
      const token = login.data.login.token;
      // A signature is one-shot and lives 10 s: sign each direct call, as the gateway does.
      const signed = () => ({
        'x-opshub-internal': signInternal(SECRET, 'workflow', {
          requestId: 'bench',
          user: { id: 'bench', username: 'bench-admin', roles: ['ADMIN'] },
        }),
      });

      const post = (url: string, headers: () => Record<string, string>, query: string) => async () => {
        const r = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers() },
          body: JSON.stringify({ query }),
        });
        const body = (await r.json()) as { errors?: unknown; data?: { obsUnitSets?: { edges: unknown[] } } };
        return r.ok && !body.errors && body.data?.obsUnitSets?.edges.length === OUS_COUNT;
      };
      const direct = await closedLoop(post(subgraphUrls.workflow!, signed, DIRECT_QUERY), settings);
      const gateway = await closedLoop(
        post(gatewayUrl, () => ({ authorization: `Bearer ${token}` }), GATEWAY_QUERY),
        settings,
      );
      const r2 = (x: number) => Math.round(x * 1000) / 1000;
      return {
        query: { gateway: GATEWAY_QUERY, direct: DIRECT_QUERY },
        settings,
        gateway,
        direct,
        ratio: {
          throughput: r2(gateway.throughputPerSecond / direct.throughputPerSecond),
          p50: r2(gateway.latencyMs.p50 / direct.latencyMs.p50),
          p99: r2(gateway.latencyMs.p99 / direct.latencyMs.p99),
        },
      };
    } finally {
      await stopAll(started);
      await database.drop();
    }
  },
  summary(r: GatewayBenchResult): string {
    const line = (name: string, x: LoadResult) =>
      `${name.padEnd(8)} ${x.throughputPerSecond.toFixed(1).padStart(8)} req/s  p50 ${x.latencyMs.p50} ms  p99 ${x.latencyMs.p99} ms  errors ${x.errors}/${x.requests}`;
    return [
      `gateway bench: ${r.settings.ous} OUSs × ${r.settings.transitionsPerOus} transitions, ${r.settings.concurrency} clients, ${r.settings.seconds} s each`,
      line('direct', r.direct),
      line('gateway', r.gateway),
      `ratio gateway/direct: throughput ${r.ratio.throughput}×, p50 ${r.ratio.p50}×, p99 ${r.ratio.p99}×`,
    ].join('\n');
  },
};
