// DQM quantities through the gateway: one 1855-value camera quantity and one 1855 × 60 waveform image, as
// numbers (`values`) and as the compact array (`base64`), each against a trivial `{ me { id } }` through the
// same gateway in the same run: what a run page pays over the cheapest query there is.
import { createLogger } from '@opshub/config';
import { createDb } from '@opshub/db';
import { createDqmServices } from '@opshub/dqm';
import { EventBus } from '@opshub/events';
import { createOpsServices, Role } from '@opshub/ops';
import { startNectarcamServer } from '@opshub/simulators/nectarcam';
import { createTestDatabase, testRedisUrl, uniquePrefix } from '@opshub/testing';
import { percentile } from './lib/load.js';
import { startProcessHub, stopAll, type Started } from './lib/processes.js';

const SECRET = 'bench-secret-bench-secret-bench-secret-0123456789';
const RUN = 7000;
const CAMERA = 'NectarCAMQM';

const quantity = (key: string, gain: string, field: 'values' | 'base64') =>
  `{ dqmRun(camera: "${CAMERA}", runNumber: ${RUN}) { quantity(key: "${key}", gain: ${gain}) { shape ${field} } } }`;

export const QUERIES = {
  trivial: '{ me { id } }',
  cameraValues: quantity('CAMERA-AVERAGE-PHY-OVEREVENTS-OVERSAMP', 'HIGH', 'values'),
  cameraBase64: quantity('CAMERA-AVERAGE-PHY-OVEREVENTS-OVERSAMP', 'HIGH', 'base64'),
  waveformValues: quantity('WF-PHY', 'HIGH', 'values'),
  waveformBase64: quantity('WF-PHY', 'HIGH', 'base64'),
} as const;

type QueryName = keyof typeof QUERIES;

export interface Latency {
  requests: number;
  errors: number;
  p50: number;
  p90: number;
  p99: number;
  /** Response body size, bytes. */
  bytes: number;
}

export interface DqmQuantitiesResult {
  /**
   * One client sends the queries in turn (trivial, camera…, waveform…, trivial…) for `seconds`, so each
   * sees the same machine load: the ratios are side by side even on a shared machine.
   */
  settings: { seconds: number; warmupRounds: number };
  latencyMs: Record<QueryName, Latency>;
  /** Each query's median latency over the trivial query's. */
  ratioP50: Record<Exclude<QueryName, 'trivial'>, number>;
}

/** One pulled NectarCAM run (the simulator's real layout) and a viewer, in a fresh database. */
async function seed(databaseUrl: string, prefix: string): Promise<void> {
  const db = createDb(databaseUrl);
  const events = await EventBus.connect(testRedisUrl(), prefix);
  const server = await startNectarcamServer({ camera: CAMERA, firstRun: RUN, initialRuns: 1 });
  try {
    await createOpsServices(db, { sessionTtlHours: 1 }).users.create({
      username: 'bench-viewer',
      password: 'bench-password-1',
      roles: [Role.VIEWER],
    });
    const dqm = createDqmServices(db, { events, log: createLogger('bench', 'silent'), pseudonymKey: SECRET });
    await dqm.nectarcam.addSource(server.url);
    const pulled = await dqm.nectarcamIngest.pull();
    if (pulled.ingested !== 1) throw new Error(`run ${RUN} was not pulled: ${JSON.stringify(pulled)}`);
  } finally {
    await server.close();
    await events.close();
    await db.$disconnect();
  }
}

export async function runDqmQuantities(args: string[]): Promise<DqmQuantitiesResult> {
  const settings = { seconds: Number(args[0] ?? 20), warmupRounds: 5 };
  const database = await createTestDatabase('bench-dqm');
  const prefix = uniquePrefix('bench');
  const started: Started[] = [];
  try {
    await seed(database.url, prefix);
    const { gatewayUrl } = await startProcessHub(
      ['ops', 'dqm'],
      {
        DATABASE_URL: database.url,
        REDIS_URL: testRedisUrl(),
        REDIS_PREFIX: prefix,
        OPSHUB_SECRET: SECRET,
        DQM_PSEUDONYM_KEY: SECRET,
      },
      started,
    );
    const call = async (query: string, token?: string) => {
      const r = await fetch(gatewayUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ query }),
      });
      return {
        ok: r.ok,
        body: (await r.json()) as { data?: Record<string, unknown> | null; errors?: unknown[] },
      };
    };
    const login = await call(
      'mutation { login(username: "bench-viewer", password: "bench-password-1") { token } }',
    );
    const token = (login.body.data?.['login'] as { token: string } | undefined)?.token;
    if (!token) throw new Error(`login failed: ${JSON.stringify(login.body)}`);
    // Each query must answer with data before it is measured (a bench of errors measures nothing).
    for (const [name, query] of Object.entries(QUERIES)) {
      const first = await call(query, token);
      if (first.body.errors || !first.ok)
        throw new Error(`${name}: ${JSON.stringify(first.body).slice(0, 300)}`);
    }
    const names = Object.keys(QUERIES) as QueryName[];
    const samples = Object.fromEntries(names.map((n) => [n, { ms: [] as number[], errors: 0, bytes: 0 }]));
    const once = async (name: QueryName): Promise<void> => {
      const t = performance.now();
      const r = await fetch(gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: QUERIES[name] }),
      });
      const text = await r.text();
      const ms = performance.now() - t;
      const sample = samples[name]!;
      sample.ms.push(ms);
      sample.bytes = text.length;
      if (!r.ok || text.includes('"errors"')) sample.errors++;
    };
    for (let i = 0; i < settings.warmupRounds; i++) for (const n of names) await once(n);
    for (const n of names) samples[n] = { ms: [], errors: 0, bytes: 0 };
    const end = Date.now() + settings.seconds * 1000;
    while (Date.now() < end) for (const n of names) await once(n);
    const r2 = (x: number) => Math.round(x * 100) / 100;
    const latencyMs = Object.fromEntries(
      names.map((n) => {
        const { ms, errors, bytes } = samples[n]!;
        ms.sort((a, b) => a - b);
        return [
          n,
          {
            requests: ms.length,
            errors,
            bytes,
            p50: r2(percentile(ms, 50)),
            p90: r2(percentile(ms, 90)),
            p99: r2(percentile(ms, 99)),
          },
        ];
      }),
    ) as Record<QueryName, Latency>;
    const others = names.filter((n) => n !== 'trivial') as Exclude<QueryName, 'trivial'>[];
    return {
      settings,
      latencyMs,
      ratioP50: Object.fromEntries(
        others.map((n) => [n, r2(latencyMs[n].p50 / latencyMs.trivial.p50)]),
      ) as DqmQuantitiesResult['ratioP50'],
    };
  } finally {
    await stopAll(started);
    await database.drop();
  }
}
