// Workflow through the gateway: transitions per second (QA2 pick-up / cancel mutations, each a committed
// transition with its history row and event), and how long a committed transition takes to reach 100
// clients subscribed to `ousStateChanged` at the gateway over graphql-ws.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLogger } from '@opshub/config';
import { createDb } from '@opshub/db';
import { EventBus } from '@opshub/events';
import { createBullConnection } from '@opshub/jobs';
import { createOpsServices, Role } from '@opshub/ops';
import { createTestDatabase, testRedisUrl, uniquePrefix } from '@opshub/testing';
import { createWorkflowServices, Executive } from '@opshub/workflow';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { closedLoop, percentile, type LoadResult } from './lib/load.js';
import { startProcessHub, stopAll, type Started } from './lib/processes.js';

const SECRET = 'bench-secret-bench-secret-bench-secret-0123456789';
const PROGRAM = '2016.1.00042.S';
const PASSWORD = 'bench-password-1';

interface WorkflowBenchResult {
  settings: {
    ous: number;
    concurrency: number;
    seconds: number;
    warmupSeconds: number;
    subscribers: number;
    latencyTransitions: number;
    intervalMs: number;
  };
  transitions: LoadResult;
  fanout: {
    subscribers: number;
    transitions: number;
    deliveries: number;
    missing: number;
    /** Commit (the transition's `at`) to arrival at each subscriber, every delivery counted. */
    latencyMs: { p50: number; p90: number; p99: number; max: number };
    /** Commit to arrival at the last of the 100 subscribers, per transition. */
    lastSubscriberMs: { p50: number; p99: number };
  };
}

/** OUSs waiting for review, each with a real pipeline run and report (startReview needs one). */
async function seed(databaseUrl: string, prefix: string, count: number, store: string): Promise<void> {
  const db = createDb(databaseUrl);
  const events = await EventBus.connect(testRedisUrl(), prefix);
  const ops = createOpsServices(db, { sessionTtlHours: 1 });
  const admin = await ops.users.create({ username: 'bench-admin', password: PASSWORD, roles: [Role.ADMIN] });
  await ops.users.create({ username: 'reviewer', password: PASSWORD, roles: [Role.OPERATOR] });
  const wf = createWorkflowServices(db, events, createLogger('bench', 'silent'), {
    seed: 'bench',
    store: { productRoot: path.join(store, 'products'), archiveRoot: path.join(store, 'archive') },
    pipeline: { durationMs: 0, failureRate: 0 },
  });
  const principal = { id: admin.id, username: admin.username, roles: admin.roles };
  for (let i = 0; i < count; i++) {
    const id = `uid://W1/W1/X${i.toString(16)}`;
    await wf.ous.create(PROGRAM, id, principal);
    await wf.ous.apply(
      id,
      { kind: 'assignRecipe', recipe: 'PipelineCalibration' },
      { system: 'batch-helper' },
    );
    await wf.ous.apply(id, { kind: 'assignExecutive', executive: Executive.EU }, principal);
    await wf.pipeline.run(id, Executive.EU, { queue: 'bench', jobId: null });
  }
  await events.close();
  await db.$disconnect();
}

async function gql(
  url: string,
  token: string,
  query: string,
): Promise<{ data?: Record<string, { transitions?: unknown }>; errors?: unknown[] }> {
  const r = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }),
  });
  return (await r.json()) as { data?: Record<string, never>; errors?: unknown[] };
}

/** OUSs handed out one at a time, so concurrent clients never move the same one (no CONFLICT). */
function ousPool(count: number) {
  const free = Array.from({ length: count }, (_, i) => `uid://W1/W1/X${i.toString(16)}`);
  const reviewing = new Set<string>();
  return {
    /** The next legal QA2 move of a free OUS: pick it up, or give it back. */
    async move(send: (mutation: string) => Promise<boolean>): Promise<boolean> {
      const id = free.shift();
      if (!id) return false;
      const start = !reviewing.has(id);
      const ok = await send(
        `mutation { ${start ? 'startReview' : 'cancelReview'}(ousId: "${id}") { state } }`,
      );
      if (ok) {
        if (start) reviewing.add(id);
        else reviewing.delete(id);
      }
      free.push(id);
      return ok;
    },
  };
}

interface Subscriber {
  client: Client;
  arrivals: Map<string, number>;
}

function subscribe(wsUrl: string, token: string): Subscriber {
  const client = createClient({
    url: wsUrl,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    connectionParams: { authorization: `Bearer ${token}` },
  });
  const arrivals = new Map<string, number>();
  client.subscribe(
    { query: `subscription { ousStateChanged(programId: "${PROGRAM}") { eventId transition { at } } }` },
    {
      next: (r) => {
        const e = (r.data as { ousStateChanged?: { eventId: string } } | undefined)?.ousStateChanged;
        if (e) arrivals.set(e.eventId, Date.now());
      },
      error: () => undefined,
      complete: () => undefined,
    },
  );
  return { client, arrivals };
}

export const workflowBench = {
  async run(args: string[]): Promise<WorkflowBenchResult> {
    const settings = {
      ous: 64,
      concurrency: Number(args[0] ?? 16),
      seconds: Number(args[1] ?? 10),
      warmupSeconds: 3,
      subscribers: Number(args[2] ?? 100),
      latencyTransitions: Number(args[3] ?? 300),
      intervalMs: Number(args[4] ?? 20),
    };
    const database = await createTestDatabase('bench-workflow');
    const prefix = uniquePrefix('bench-wf');
    const store = await mkdtemp(path.join(tmpdir(), 'opshub-bench-wf-'));
    const started: Started[] = [];
    const subscribers: Subscriber[] = [];
    try {
      await seed(database.url, prefix, settings.ous, store);
      const { gatewayUrl: url } = await startProcessHub(
        ['ops', 'workflow'],
        {
          DATABASE_URL: database.url,
          REDIS_URL: testRedisUrl(),
          REDIS_PREFIX: prefix,
          OPSHUB_SECRET: SECRET,
        },
        started,
      );
      const login = await gql(
        url,
        '',
        `mutation { login(username: "reviewer", password: "${PASSWORD}") { token } }`,
      );
      const token = (login.data?.['login'] as unknown as { token: string }).token;
      const pool = ousPool(settings.ous);
      const send = async (mutation: string): Promise<boolean> => {
        const body = await gql(url, token, mutation);
        return !body.errors && body.data !== undefined;
      };

      // 1. Transitions per second: a closed loop of QA2 pick-ups and cancels through the gateway.
      const transitions = await closedLoop(() => pool.move(send), settings);

      // 2. Fan-out latency: every subscriber is live once it has seen a transition made after it subscribed.
      for (let i = 0; i < settings.subscribers; i++)
        subscribers.push(subscribe(url.replace(/^http/, 'ws'), token));
      const readyBy = Date.now() + 60_000;
      while (!subscribers.every((s) => s.arrivals.size > 0)) {
        if (Date.now() > readyBy)
          throw new Error('subscribers did not all receive a warm-up transition within 60 s');
        await pool.move(send);
        await new Promise((r) => setTimeout(r, 100));
      }
      for (const s of subscribers) s.arrivals.clear();
      const committed = new Map<string, number>();
      const events = await EventBus.connect(testRedisUrl(), prefix);
      const from = (await events.range('workflow.ous-state-changed', '0-0', 1_000_000)).at(-1)?.id ?? '0-0';
      for (let i = 0; i < settings.latencyTransitions; i++) {
        await pool.move(send);
        await new Promise((r) => setTimeout(r, settings.intervalMs));
      }
      // Let the last deliveries land, then read each transition's commit time from the stream.
      const settleBy = Date.now() + 10_000;
      for (;;) {
        const measured = await events.range('workflow.ous-state-changed', from, 1_000_000);
        for (const e of measured)
          committed.set(e.id, Date.parse((e.payload as { transition: { at: string } }).transition.at));
        const complete = [...committed.keys()].every((id) => subscribers.every((s) => s.arrivals.has(id)));
        if (complete || Date.now() > settleBy) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      await events.close();

      const all: number[] = [];
      const last: number[] = [];
      let missing = 0;
      for (const [id, at] of committed) {
        let worst = 0;
        for (const s of subscribers) {
          const arrived = s.arrivals.get(id);
          if (arrived === undefined) {
            missing++;
            continue;
          }
          all.push(arrived - at);
          worst = Math.max(worst, arrived - at);
        }
        last.push(worst);
      }
      all.sort((a, b) => a - b);
      last.sort((a, b) => a - b);
      return {
        settings,
        transitions,
        fanout: {
          subscribers: settings.subscribers,
          transitions: committed.size,
          deliveries: all.length,
          missing,
          latencyMs: {
            p50: percentile(all, 50),
            p90: percentile(all, 90),
            p99: percentile(all, 99),
            max: all.at(-1) ?? NaN,
          },
          lastSubscriberMs: { p50: percentile(last, 50), p99: percentile(last, 99) },
        },
      };
    } finally {
      await Promise.all(subscribers.map((s) => s.client.dispose()));
      await stopAll(started);
      await database.drop();
      await rm(store, { recursive: true, force: true });
      const connection = createBullConnection(testRedisUrl());
      for (let cursor = '0'; ;) {
        const [next, keys] = await connection.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
        if (keys.length) await connection.del(...keys);
        if ((cursor = next) === '0') break;
      }
      await connection.quit();
    }
  },
  summary(r: WorkflowBenchResult): string {
    const t = r.transitions;
    const f = r.fanout;
    return [
      `workflow bench: ${r.settings.ous} OUSs, ${r.settings.concurrency} clients, ${r.settings.seconds} s`,
      `transitions through the gateway: ${t.throughputPerSecond.toFixed(1)}/s  (mutation p50 ${t.latencyMs.p50} ms, p99 ${t.latencyMs.p99} ms, errors ${t.errors}/${t.requests})`,
      `commit → subscriber (${f.subscribers} graphql-ws clients at the gateway, ${f.transitions} transitions, one every ${r.settings.intervalMs} ms):`,
      `  every delivery: p50 ${f.latencyMs.p50} ms  p90 ${f.latencyMs.p90} ms  p99 ${f.latencyMs.p99} ms  max ${f.latencyMs.max} ms  (${f.deliveries} delivered, ${f.missing} missing)`,
      `  last of ${f.subscribers} per transition: p50 ${f.lastSubscriberMs.p50} ms  p99 ${f.lastSubscriberMs.p99} ms`,
    ].join('\n');
  },
};
