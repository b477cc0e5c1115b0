// Alerts bench, part 3: a cone search and a 300-point light curve through the gateway (ops and alerts
// subgraphs and the gateway as processes) against the cheapest authenticated query, `{ me { id } }`; then the
// complete CSV export through the same gateway (alerts-export.ts).
import { encodeAlertContainer, type AlertsServices } from '@opshub/alerts';
import { createDb } from '@opshub/db';
import { createOpsServices, Role } from '@opshub/ops';
import { testRedisUrl } from '@opshub/testing';
import { exportVsCopy, type ExportFigures } from './alerts-export.js';
import { closedLoop, type LoadResult } from './lib/load.js';
import { startProcessHub, stopAll, type Started } from './lib/processes.js';

const SECRET = 'bench-secret-bench-secret-bench-secret-0123456789';
const CURVE_OBJECT = 2n ** 60n + 7n;

export interface GatewayFigures {
  settings: { concurrency: number; seconds: number; warmupSeconds: number };
  me: LoadResult;
  coneSearch: LoadResult;
  lightCurve: LoadResult;
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
  settings: { concurrency: number; seconds: number; warmupSeconds: number },
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
      { DATABASE_URL: databaseUrl, REDIS_URL: testRedisUrl(), REDIS_PREFIX: prefix, OPSHUB_SECRET: SECRET },
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
    for (const [name, check] of [
      ['me', me],
      ['coneSearch', coneQuery],
      ['lightCurve', curve],
    ] as const)
      if (!(await check())) throw new Error(`bench query ${name} failed through the gateway`);
    const meLoad = await closedLoop(me, settings);
    const coneLoad = await closedLoop(coneQuery, settings);
    const curveLoad = await closedLoop(curve, settings);
    const exported = await exportVsCopy(gatewayUrl, login.data.login.token, databaseUrl);
    const r3 = (x: number): number => Math.round(x * 1000) / 1000;
    return {
      settings,
      me: meLoad,
      coneSearch: coneLoad,
      lightCurve: curveLoad,
      coneOverMe: r3(coneLoad.latencyMs.p50 / meLoad.latencyMs.p50),
      lightCurveOverMe: r3(curveLoad.latencyMs.p50 / meLoad.latencyMs.p50),
      export: exported,
    };
  } finally {
    await stopAll(started);
  }
}
