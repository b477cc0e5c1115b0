// Subscriptions at scale through the gateway (issue 11): 10, 100 and 1,000 graphql-ws clients (in a
// load process of their own) on the cross-subgraph `ousStateChanged { … actor { username } }`; event
// (the OUS's commit) → client p50/p99 at each size, gateway CPU per event, memory per subscriber and
// after all disconnect; then 1,000 clients over 100 programmes: plan executions per event.
//   npm run bench -- subscriptions [events per size] [ms between events] [sizes, e.g. 10,100,1000]
// GATEWAY_MODULE=<checkout>/gateway/src/index.ts measures another checkout's gateway ("before").
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { SUBGRAPHS } from '@opshub/config';
import { createDb } from '@opshub/db';
import { createOpsServices, Role } from '@opshub/ops';
import { createTestDatabase, freePort, testRedisUrl, uniquePrefix } from '@opshub/testing';
import { percentile } from './lib/load.js';
import { ROOT, startProcess, stopAll, waitForHttp, type Started } from './lib/processes.js';
import type { GatewaySample } from './subscriptions-gateway.js';
import type { LoadCommand } from './subscriptions-load.js';

const SECRET = 'bench-secret-bench-secret-bench-secret-0123456789';
const PASSWORD = 'bench-password-1';
const VIEWERS = 10;
const PROGRAM = '2026.1.00011.S';
const programOf = (i: number): string => `2026.1.${String(100 + i).padStart(5, '0')}.S`;

interface SizeResult {
  subscribers: number;
  distinctFilters: number;
  events: number;
  deliveries: number;
  missing: number;
  /** The OUS's commit (`updatedAt`) → arrival at each subscriber that asked for it. */
  latencyMs: { p50: number; p99: number; max: number };
  gatewayCpuMsPerEvent: number;
  /** Gateway RSS (and heap) with the subscribers connected, minus before any, per subscriber. */
  rssKbPerSubscriber: number;
  heapKbPerSubscriber: number;
  /** From the gateway's sharing counters (null for a gateway without them). */
  planExecutionsPerEvent: number | null;
  entityCallsPerEvent: number | null;
  /** Shared subscriptions open at the gateway while they were connected (null: no counters). */
  sharedSubscriptions: number | null;
}

interface SubscriptionsBenchResult {
  settings: { events: number; intervalMs: number; sizes: number[]; viewers: number; gatewayModule: string };
  before: { rssMb: number; heapMb: number };
  sizes: SizeResult[];
  filtered: SizeResult;
  afterDisconnect: { rssMb: number; heapMb: number; rssRatio: number };
  goals: {
    p99RatioAt1000: number;
    kbPerSubscriber: number;
    rssAfterDisconnectRatio: number;
    planExecutionsPerEvent: number | null;
  };
}

/** A forked child answering `{ id }` messages: send one and await its answer. */
function rpcChild(entry: string, env: Record<string, string>, execArgv: string[] = []) {
  const child: ChildProcess = fork(path.join(ROOT, entry), [], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    execArgv: ['--import', '@swc-node/register/esm-register', ...execArgv],
    // The gateway's log (pino, stdout) goes to the bench's stderr: its warnings explain a failure.
    stdio: ['ignore', 2, 'inherit', 'ipc'],
  });
  let next = 1;
  const waiting = new Map<number, (body: Record<string, unknown>) => void>();
  child.on('message', (m: { id: number } & Record<string, unknown>) => waiting.get(m.id)?.(m));
  let exited: Error | undefined;
  const failures = new Set<(error: Error) => void>();
  child.once('exit', (code, signal) => {
    exited = new Error(`${entry} exited (code ${code}, signal ${signal})`);
    for (const fail of failures) fail(exited);
  });
  const call = <T>(message: Record<string, unknown>, id = next++): Promise<T> =>
    new Promise((resolve, reject) => {
      if (exited) return reject(exited);
      failures.add(reject);
      waiting.set(id, (body) => {
        waiting.delete(id);
        failures.delete(reject);
        resolve(body as T);
      });
      if (id !== 0) child.send({ ...message, id });
    });
  const ready = call<Record<string, unknown>>({}, 0);
  return { child, ready, call };
}

async function gql<T>(url: string, query: string, variables: object, token = ''): Promise<T> {
  const r = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await r.json()) as { data?: T; errors?: { message: string }[] };
  if (!body.data || body.errors) throw new Error(`gateway: ${JSON.stringify(body.errors)}`);
  return body.data;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const kb = (bytes: number) => Math.round(bytes / 1024);
const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;

export const subscriptionsBench = {
  async run(args: string[]): Promise<SubscriptionsBenchResult> {
    const settings = {
      events: Number(args[0] ?? 20),
      intervalMs: Number(args[1] ?? 250),
      sizes: (args[2] ?? '10,100,1000').split(',').map(Number),
      viewers: VIEWERS,
      gatewayModule: process.env['GATEWAY_MODULE'] || '@opshub/gateway',
    };
    const database = await createTestDatabase('bench-subscriptions');
    const prefix = uniquePrefix('bench-subs');
    const started: Started[] = [];
    const children: ChildProcess[] = [];
    try {
      const db = createDb(database.url);
      const ops = createOpsServices(db, { sessionTtlHours: 2 });
      // Sessions made by ops' own service (the login mutation's rate limit is not under test here).
      await ops.users.create({ username: 'bench-admin', password: PASSWORD, roles: [Role.ADMIN] });
      const admin = (await ops.sessions.login('bench-admin', PASSWORD)).token;
      const tokens: string[] = [];
      for (let i = 0; i < VIEWERS; i++) {
        await ops.users.create({ username: `watcher${i}`, password: PASSWORD, roles: [Role.VIEWER] });
        tokens.push((await ops.sessions.login(`watcher${i}`, PASSWORD)).token);
      }
      await db.$disconnect();

      const subgraphs = SUBGRAPHS.filter((s) => s.name === 'ops' || s.name === 'workflow');
      const ports = new Map(
        await Promise.all(subgraphs.map(async (s) => [s.name, await freePort()] as const)),
      );
      const env = {
        DATABASE_URL: database.url,
        REDIS_URL: testRedisUrl(),
        REDIS_PREFIX: prefix,
        OPSHUB_SECRET: SECRET,
        SUBGRAPH_HOST: '127.0.0.1',
        ...Object.fromEntries(subgraphs.map((s) => [s.portKey, String(ports.get(s.name))])),
        GATEWAY_HOST: '127.0.0.1',
        GATEWAY_PORT: String(await freePort()),
        GATEWAY_WORKERS: '1',
      };
      started.push(...subgraphs.map((s) => startProcess(s.name, `subgraphs/${s.name}/src/main.ts`, env)));
      await Promise.all(subgraphs.map((s) => waitForHttp(`http://127.0.0.1:${ports.get(s.name)}/healthz`)));
      const gateway = rpcChild('bench/src/subscriptions-gateway.ts', env, ['--expose-gc']);
      children.push(gateway.child);
      const url = (await gateway.ready)['url'] as string;
      const load = rpcChild('bench/src/subscriptions-load.ts', {});
      children.push(load.child);
      await load.ready;
      const sample = (gc = false) => gateway.call<{ sample: GatewaySample }>({ type: gc ? 'gc' : 'sample' });

      let counter = 0;
      const createOus = async (
        programId: string,
        attempt = 1,
      ): Promise<{ id: string; programId: string; at: number }> => {
        const id = `uid://B11/X${Date.now().toString(16)}/X${(counter++).toString(16)}`;
        try {
          const r = await gql<{ createObsUnitSet: { updatedAt: string } }>(
            url,
            'mutation ($p: String!, $id: ID!) { createObsUnitSet(programId: $p, id: $id) { updatedAt } }',
            { p: programId, id },
            admin,
          );
          return { id, programId, at: Date.parse(r.createObsUnitSet.updatedAt) };
        } catch (error) {
          // A loaded gateway may time a write out; the event of a failed write is not counted.
          if (attempt >= 3) throw error;
          console.error(`createObsUnitSet failed (attempt ${attempt}): ${String(error)}`);
          return createOus(programId, attempt + 1);
        }
      };
      await createOus(PROGRAM);
      await sleep(2_000);
      const before = (await sample(true)).sample;

      const measure = async (count: number, programIds: string[]): Promise<SizeResult> => {
        await load.call({
          type: 'open',
          wsUrl: url.replace(/^http/, 'ws'),
          tokens,
          count,
          programIds,
        } satisfies Omit<Extract<LoadCommand, { type: 'open' }>, 'id'>);
        // Live once every subscriber has had an event made after it subscribed.
        const readyBy = Date.now() + 180_000;
        for (let i = 0; ; i++) {
          const { withEvent } = await load.call<{ withEvent: number }>({ type: 'progress' });
          if (withEvent === count) break;
          if (Date.now() > readyBy) throw new Error(`${withEvent} of ${count} subscribers live after 180 s`);
          await createOus(programIds[i % programIds.length]!);
          await sleep(programIds.length > 1 ? 20 : 200);
        }
        await sleep(2_000);
        const s0 = (await sample(true)).sample;
        const made = [];
        for (let i = 0; i < settings.events; i++) {
          made.push(await createOus(programIds[i % programIds.length]!));
          await sleep(settings.intervalMs);
        }
        const subscribed = (p: string, j: number) => programIds[j % programIds.length] === p;
        const settleBy = Date.now() + 60_000;
        let arrivals: (number | null)[][] = [];
        for (;;) {
          ({ arrivals } = await load.call<{ arrivals: (number | null)[][] }>({
            type: 'arrivals',
            ousIds: made.map((m) => m.id),
          }));
          const complete = made.every((m, i) =>
            arrivals[i]!.every((at, j) => at !== null || !subscribed(m.programId, j)),
          );
          if (complete || Date.now() > settleBy) break;
          await sleep(250);
        }
        const s1 = (await sample()).sample;
        const latencies: number[] = [];
        let missing = 0;
        made.forEach((m, i) =>
          arrivals[i]!.forEach((at, j) => {
            if (!subscribed(m.programId, j)) return;
            if (at === null) missing++;
            else latencies.push(at - m.at);
          }),
        );
        latencies.sort((a, b) => a - b);
        const share = (key: string) =>
          s0.sharing && s1.sharing ? (s1.sharing[key]! - s0.sharing[key]!) / settings.events : null;
        await load.call({ type: 'close' });
        for (const waitUntil = Date.now() + 30_000; Date.now() < waitUntil; await sleep(200))
          if ((await sample()).sample.activeSubscriptions === 0) break;
        return {
          subscribers: count,
          distinctFilters: programIds.length,
          events: settings.events,
          deliveries: latencies.length,
          missing,
          latencyMs: {
            p50: percentile(latencies, 50),
            p99: percentile(latencies, 99),
            max: latencies.at(-1) ?? NaN,
          },
          gatewayCpuMsPerEvent: Math.round((s1.cpuMicros - s0.cpuMicros) / settings.events / 10) / 100,
          rssKbPerSubscriber: kb((s0.rss - before.rss) / count),
          heapKbPerSubscriber: kb((s0.heapUsed - before.heapUsed) / count),
          planExecutionsPerEvent: share('planExecutions'),
          entityCallsPerEvent: share('entityCalls'),
          sharedSubscriptions: s0.sharing ? s0.sharing['groups']! : null,
        };
      };

      const sizes: SizeResult[] = [];
      for (const count of settings.sizes) sizes.push(await measure(count, [PROGRAM]));
      const filtered = await measure(
        1000,
        Array.from({ length: 100 }, (_, i) => programOf(i)),
      );
      await sleep(5_000);
      const after = (await sample(true)).sample;
      await gateway.call({ type: 'stop' }).catch(() => undefined);
      const p99 = (n: number) => sizes.find((s) => s.subscribers === n)?.latencyMs.p99 ?? NaN;
      return {
        settings,
        before: { rssMb: mb(before.rss), heapMb: mb(before.heapUsed) },
        sizes,
        filtered,
        afterDisconnect: {
          rssMb: mb(after.rss),
          heapMb: mb(after.heapUsed),
          rssRatio: after.rss / before.rss,
        },
        goals: {
          p99RatioAt1000: p99(1000) / p99(10),
          kbPerSubscriber: sizes.at(-1)!.rssKbPerSubscriber,
          rssAfterDisconnectRatio: after.rss / before.rss,
          planExecutionsPerEvent: filtered.planExecutionsPerEvent,
        },
      };
    } finally {
      for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
      await stopAll(started);
      await database.drop();
    }
  },
  summary(r: SubscriptionsBenchResult): string {
    const line = (s: SizeResult) =>
      `  ${String(s.subscribers).padStart(5)} clients / ${String(s.distinctFilters).padStart(3)} filters: p50 ${s.latencyMs.p50} ms  p99 ${s.latencyMs.p99} ms  max ${s.latencyMs.max} ms  (${s.deliveries} delivered, ${s.missing} missing)  gateway CPU ${s.gatewayCpuMsPerEvent} ms/event  ${s.rssKbPerSubscriber} KB RSS (${s.heapKbPerSubscriber} KB heap)/subscriber  plan executions/event ${s.planExecutionsPerEvent ?? 'n/a'}  _entities calls/event ${s.entityCallsPerEvent ?? 'n/a'}  shared subscriptions ${s.sharedSubscriptions ?? 'n/a'}`;
    return [
      `subscriptions bench (${r.settings.gatewayModule}): ${r.settings.events} events per size, one every ${r.settings.intervalMs} ms, ${r.settings.viewers} VIEWER accounts`,
      `gateway before any subscriber: RSS ${r.before.rssMb} MB, heap ${r.before.heapMb} MB`,
      ...r.sizes.map(line),
      line(r.filtered),
      `after all disconnect: RSS ${r.afterDisconnect.rssMb} MB (${(r.afterDisconnect.rssRatio * 100).toFixed(0)} % of before), heap ${r.afterDisconnect.heapMb} MB`,
      `goals: p99@1000 / p99@10 = ${r.goals.p99RatioAt1000.toFixed(2)} (≤ 3); ${r.goals.kbPerSubscriber} KB/subscriber (≤ 50); RSS after disconnect ${(r.goals.rssAfterDisconnectRatio * 100).toFixed(0)} % (≤ 110 %); plan executions per event over 100 filters ${r.goals.planExecutionsPerEvent ?? 'n/a'} (≤ 100)`,
    ].join('\n');
  },
};
