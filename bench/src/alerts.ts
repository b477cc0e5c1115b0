// `npm run bench -- alerts [objects] [seconds]`: the alerts domain's figures, each a ratio measured side by side
// in one run on a database of its own: ingest vs COPY, cone search vs a sequential scan and vs q3c, queries
// through the gateway vs `{ me { id } }`, the complete CSV export through the gateway vs COPY TO STDOUT.
import { loadavg } from 'node:os';
import { createAlertsServices } from '@opshub/alerts';
import { createLogger } from '@opshub/config';
import { createDb } from '@opshub/db';
import { EventBus } from '@opshub/events';
import { createTestDatabase, deleteKeys, testRedisUrl, uniquePrefix } from '@opshub/testing';
import pg from 'pg';
import { coneBench, loadObjects, type ConeFigures } from './alerts-cone.js';
import { alertsGatewayBench, type GatewayFigures } from './alerts-gateway.js';
import { ingestVsCopy, type IngestFigures } from './alerts-ingest.js';
import type { Bench } from './registry.js';

interface AlertsBenchResult {
  load: { before: number; after: number };
  ingest: IngestFigures;
  cone: ConeFigures;
  gateway: GatewayFigures;
  goals: Record<string, { value: number | null; goal: string; met: boolean | null }>;
}

export const alertsBench: Bench<AlertsBenchResult> = {
  async run(args) {
    const objects = Number(args[0] ?? 1_000_000);
    const seconds = Number(args[1] ?? 8);
    const before = loadavg()[0]!;
    const database = await createTestDatabase('bench-alerts');
    const prefix = uniquePrefix('bench-alerts');
    const db = createDb(database.url, { max: 4 });
    const events = await EventBus.connect(testRedisUrl(), prefix);
    const services = createAlertsServices(db, {
      databaseUrl: database.url,
      events,
      log: createLogger('bench', 'silent'),
    });
    try {
      const ingest = await ingestVsCopy(services, database.url, {
        objects: 10_000,
        perObject: 4,
        perFile: 5_000,
        rounds: 9,
      });
      console.log(`ingest ${ingest.ingest.rowsPerSecond} rows/s, COPY ${ingest.copy.rowsPerSecond} rows/s`);
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      let centre: { ra: number; dec: number };
      try {
        await loadObjects(client, objects);
        const { rows } = await client.query<{ ra: number; dec: number }>(
          'SELECT ra, decl AS dec FROM alerts.dia_object WHERE dia_object_id = $1',
          [Math.ceil(objects / 2)],
        );
        centre = rows[0]!;
      } finally {
        await client.end();
      }
      const cone = await coneBench(database.url, objects, 10);
      console.log(`cone: zones ${cone.zones.medianMs} ms, scan ${cone.sequentialScan.medianMs} ms`);
      const gateway = await alertsGatewayBench(services, database.url, prefix, centre, {
        seconds,
        warmupRounds: 20,
      });
      const met = (value: number | null, ok: (v: number) => boolean): boolean | null =>
        value === null ? null : ok(value);
      return {
        load: { before, after: loadavg()[0]! },
        ingest,
        cone,
        gateway,
        goals: {
          ingestOverCopy: { value: ingest.ratio, goal: '≥ 0.8', met: met(ingest.ratio, (v) => v >= 0.8) },
          coneScanOverZones: {
            value: cone.scanOverZones,
            goal: '≥ 500',
            met: met(cone.scanOverZones, (v) => v >= 500),
          },
          coneQ3cOverZones: {
            value: cone.q3cOverZones,
            goal: '≥ 1',
            met: met(cone.q3cOverZones, (v) => v >= 1),
          },
          gatewayConeOverMe: {
            value: gateway.coneOverMe,
            goal: '≤ 1.5',
            met: met(gateway.coneOverMe, (v) => v <= 1.5),
          },
          exportOverCopy: {
            value: gateway.export.ratio,
            goal: '≥ 0.5',
            met: met(gateway.export.ratio, (v) => v >= 0.5),
          },
          gatewayLightCurveOverMe: {
            value: gateway.lightCurveOverMe,
            goal: '≤ 1.5',
            met: met(gateway.lightCurveOverMe, (v) => v <= 1.5),
          },
        },
      };
    } finally {
      await services.close();
      await events.close();
      await db.$disconnect();
      await deleteKeys(testRedisUrl(), prefix);
      await database.drop();
    }
  },
  summary(r) {
    const q3c = 'medianMs' in r.cone.q3c ? `${r.cone.q3c.medianMs} ms` : r.cone.q3c.skipped;
    const p50 = (x: { latencyMs: { p50: number } }): string => `${x.latencyMs.p50} ms`;
    return [
      `alerts bench (load ${r.load.before.toFixed(1)} → ${r.load.after.toFixed(1)})`,
      `ingest: ${r.ingest.alerts} alerts in ${r.ingest.files} Avro files, ${r.ingest.rows} rows: ${r.ingest.ingest.rowsPerSecond} rows/s (${r.ingest.ingest.alertsPerSecond} alerts/s) vs COPY ${r.ingest.copy.rowsPerSecond} rows/s → ${r.ingest.ratio}× (goal ≥ 0.8; median of ${r.ingest.rounds.length} rounds: ${r.ingest.rounds.map((x) => x.ratio).join(', ')}; before them a warm-up round, cold, ${r.ingest.coldRatio}×)`,
      `cone 10″ on ${r.cone.objects} objects (median): zones ${r.cone.zones.medianMs} ms, sequential scan ${r.cone.sequentialScan.medianMs} ms → ${r.cone.scanOverZones}× (goal ≥ 500); q3c ${q3c} → ${r.cone.q3cOverZones ?? '—'}× (goal ≥ 1)`,
      `  in the database: zones ${r.cone.zones.dbMedianMs} ms, scan ${r.cone.sequentialScan.dbMedianMs} ms → ${r.cone.scanOverZonesInDb}×; q3c ${'dbMedianMs' in r.cone.q3c ? `${r.cone.q3c.dbMedianMs} ms` : '—'} → ${r.cone.q3cOverZonesInDb ?? '—'}×`,
      `gateway p50 (one client, the queries in turn): me ${p50(r.gateway.me)}, coneSearch ${p50(r.gateway.coneSearch)} → ${r.gateway.coneOverMe}×, 300-point lightCurve ${p50(r.gateway.lightCurve)} → ${r.gateway.lightCurveOverMe}× (goal ≤ 1.5; columns ${p50(r.gateway.lightCurveColumns)})`,
      `CSV export of ${r.gateway.export.rows} objects through the gateway ${r.gateway.export.export.seconds} s vs COPY TO STDOUT ${r.gateway.export.copy.seconds} s → ${r.gateway.export.ratio}× (goal ≥ 0.5)`,
    ].join('\n');
  },
};
