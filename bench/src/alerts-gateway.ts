// Alerts bench, part 3: a cone search and a 300-point light curve through the gateway (ops and alerts
// subgraphs and the gateway as processes) against the cheapest authenticated query, `{ me { id } }`, one client
// sending the queries in turn so that each sees the same machine load (as bench/src/dqm-quantities.ts does);
// then the complete CSV export through the same gateway (alerts-export.ts).
import { randomBytes } from 'node:crypto';
import { encodeAlertContainer, type AlertsServices } from '@opshub/alerts';
import { createDb } from '@opshub/db';
import { createOpsServices, Role } from '@opshub/ops';
import { testRedisUrl } from '@opshub/testing';
import { exportVsCopy, type ExportFigures } from './alerts-export.js';
import { percentile, type LoadResult } from './lib/load.js';
import { startProcessHub, stopAll, type Started } from './lib/processes.js';

const CURVE_OBJECT = 2n ** 60n + 7n;

export interface GatewaySettings {
  /** One client sends me, coneSearch, lightCurve, lightCurveColumns in turn for this long. */
  seconds: number;
  /** Rounds of the four queries before measuring. */
  warmupRounds: number;
}

export interface GatewayFigures {
  settings: GatewaySettings;
  me: LoadResult;
  coneSearch: LoadResult;
  lightCurve: LoadResult;
  /** The same 300 points as parallel arrays (`columns`). */
  lightCurveColumns: LoadResult;
  /** p50 latency over `me`'s p50 (goal ≤ 1.5). */
  coneOverMe: number;
  lightCurveOverMe: number;
  /** The complete CSV export of the objects through the gateway vs COPY TO STDOUT. */
  export: ExportFigures;
}

/** One object with 150 detections and 150 forced points: its last alert carries them all. */
async function curveObject(services: AlertsServices): Promise<void> {
  const bands = ['u', 'g', 'r', 'i', 'z', 'Y'];
  const sources = Array.from({ length: 150 }, (_, k) => ({
    diaSourceId: 5_000_000_000n + BigInt(k),
    diaObjectId: CURVE_OBJECT,
    midPointTai: 60_800 + k,
    filterName: bands[k % 6]!,
    ra: 10.5,
    decl: -20.25,
    psFlux: 1000 + 10 * Math.sin(k / 9),
    psFluxErr: 40,
    snr: 25,
  }));
  const forced = Array.from({ length: 150 }, (_, k) => ({
    diaForcedSourceId: 6_000_000_000n + BigInt(k),
    diaObjectId: CURVE_OBJECT,
    midPointTai: 60_799.5 + k,
    filterName: bands[k % 6]!,
    psFlux: 200,
    psFluxErr: 40,
  }));
  const alert = {
    alertId: 7_000_000_000n,
    diaSource: sources.at(-1),
    prvDiaSources: sources.slice(0, -1),
    prvDiaForcedSources: forced,
    diaObject: { diaObjectId: CURVE_OBJECT, simVersion: 'bench', ra: 10.5, decl: -20.25 },
  };
  const r = await services.ingest.ingestBytes('bench-curve.avro', await encodeAlertContainer([alert]));
  if (r.newSources + r.newForcedSources !== 300) throw new Error(`curve object: ${JSON.stringify(r)}`);
}

export async function alertsGatewayBench(
  services: AlertsServices,
  databaseUrl: string,
  prefix: string,
  cone: { ra: number; dec: number },
  settings: GatewaySettings,
): Promise<GatewayFigures> {
  await curveObject(services);
  const db = createDb(databaseUrl);
  try {
    await createOpsServices(db, { sessionTtlHours: 1 }).users.create({
      username: 'bench-admin',
      password: 'bench-password-1',
      roles: [Role.ADMIN],
    });
  } finally {
    await db.$disconnect();
  }
  const started: Started[] = [];
  try {
    const { gatewayUrl } = await startProcessHub(
      ['ops', 'alerts'],
      // As deployed (docker/compose.yml, docker/k8s): NODE_ENV=production, so a secret production accepts.
      {
        NODE_ENV: 'production',
        DATABASE_URL: databaseUrl,
        REDIS_URL: testRedisUrl(),
        REDIS_PREFIX: prefix,
        OPSHUB_SECRET: randomBytes(32).toString('hex'),
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
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${login.data.login.token}` };
    const send = (query: string, ok: (data: Record<string, unknown>) => boolean) => async () => {
      const r = await fetch(gatewayUrl, { method: 'POST', headers, body: JSON.stringify({ query }) });
      const body = (await r.json()) as { errors?: unknown; data?: Record<string, unknown> };
      return r.ok && !body.errors && !!body.data && ok(body.data);
    };
    const me = send('{ me { id } }', (d) => !!(d['me'] as { id?: string } | null)?.id);
    const coneQuery = send(
      `{ coneSearch(ra: ${cone.ra}, dec: ${cone.dec}, radiusArcsec: 10) { separationArcsec object { id ra decl } } }`,
      (d) => (d['coneSearch'] as unknown[]).length >= 1,
    );
    const curve = send(
      `{ diaObject(id: "${CURVE_OBJECT}") { lightCurve { points { mjd filterName psFlux psFluxErr forced } } } }`,
      (d) => (d['diaObject'] as { lightCurve: { points: unknown[] } }).lightCurve.points.length === 300,
    );
    const columns = send(
      `{ diaObject(id: "${CURVE_OBJECT}") { lightCurve { columns { mjd filterName psFlux psFluxErr forced } } } }`,
      (d) =>
        (d['diaObject'] as { lightCurve: { columns: { mjd: unknown[] } } }).lightCurve.columns.mjd.length ===
        300,
    );
    const queries = { me, coneSearch: coneQuery, lightCurve: curve, lightCurveColumns: columns };
    for (const [name, check] of Object.entries(queries))
      if (!(await check())) throw new Error(`bench query ${name} failed through the gateway`);
    const load = await inTurn(queries, settings);
    const [meLoad, coneLoad, curveLoad] = [load.me, load.coneSearch, load.lightCurve];
    const exported = await exportVsCopy(gatewayUrl, login.data.login.token, databaseUrl);
    const r3 = (x: number): number => Math.round(x * 1000) / 1000;
    return {
      settings,
      me: meLoad,
      coneSearch: coneLoad,
      lightCurve: curveLoad,
      lightCurveColumns: load.lightCurveColumns,
      coneOverMe: r3(coneLoad.latencyMs.p50 / meLoad.latencyMs.p50),
      lightCurveOverMe: r3(curveLoad.latencyMs.p50 / meLoad.latencyMs.p50),
      export: exported,
    };
  } finally {
    await stopAll(started);
  }
}

/** One client sending each query in turn for `seconds` (after warm-up rounds): every query sees the same load. */
async function inTurn<K extends string>(
  queries: Record<K, () => Promise<boolean>>,
  settings: GatewaySettings,
): Promise<Record<K, LoadResult>> {
  const names = Object.keys(queries) as K[];
  for (let i = 0; i < settings.warmupRounds; i++) for (const n of names) await queries[n]();
  const samples = new Map(names.map((n) => [n, { ms: [] as number[], errors: 0 }]));
  const start = performance.now();
  const end = Date.now() + settings.seconds * 1000;
  while (Date.now() < end)
    for (const n of names) {
      const t = performance.now();
      const ok = await queries[n]().catch(() => false);
      const sample = samples.get(n)!;
      sample.ms.push(performance.now() - t);
      if (!ok) sample.errors++;
    }
  const seconds = (performance.now() - start) / 1000;
  const round = (x: number): number => Math.round(x * 100) / 100;
  const out = {} as Record<K, LoadResult>;
  for (const n of names) {
    const { ms, errors } = samples.get(n)!;
    ms.sort((a, b) => a - b);
    out[n] = {
      requests: ms.length,
      errors,
      seconds: round(seconds),
      throughputPerSecond: round(ms.length / seconds),
      latencyMs: {
        p50: round(percentile(ms, 50)),
        p90: round(percentile(ms, 90)),
        p99: round(percentile(ms, 99)),
        max: round(ms.at(-1) ?? NaN),
      },
    };
  }
  return out;
}
