import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setImmediate as turn } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeAlertContainer, type IngestResult } from '../src/index.js';
import { startHarness, type Harness } from './harness.js';
import { lightCurveAlerts } from './light-curve.fixture.js';

let h: Harness;
let dir: string;

beforeAll(async () => {
  h = await startHarness('alert-ingest-pipeline');
  dir = await mkdtemp(path.join(tmpdir(), 'alert-ingest-pipeline-'));
});
afterAll(async () => {
  await h?.close();
  await rm(dir, { recursive: true, force: true });
});

const TABLES = ['dia_object', 'dia_source', 'dia_forced_source', 'alert', 'alert_quarantine'];

async function snapshot(): Promise<Record<string, number>> {
  const counts = await Promise.all(
    TABLES.map(async (t) => {
      const [row] = await h.db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM alerts.${t}`);
      return [t, Number(row!.n)] as const;
    }),
  );
  return Object.fromEntries(counts);
}

/** JSON as a broker or script writes it: 64-bit ids as bare integer literals. */
const rawJson = (value: unknown): string =>
  JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? `@@${v}@@` : v)).replace(
    /"@@(-?\d+)@@"/g,
    '$1',
  );

async function avroFile(name: string, alerts: unknown[]): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, await encodeAlertContainer(alerts as ReturnType<typeof lightCurveAlerts>));
  return file;
}

/** An object's stored detection figures, and the same figures counted over its stored detections. */
async function detectionFigures(objectId: bigint) {
  const [row] = await h.db.$queryRawUnsafe<Record<string, unknown>[]>(
    `SELECT o.n_detections AS n, o.first_detection_mjd AS first, o.last_detection_mjd AS last,
            (SELECT count(*)::int FROM alerts.dia_source s WHERE s.dia_object_id = o.dia_object_id) AS counted_n,
            (SELECT min(mid_point_tai) FROM alerts.dia_source s WHERE s.dia_object_id = o.dia_object_id) AS counted_first,
            (SELECT max(mid_point_tai) FROM alerts.dia_source s WHERE s.dia_object_id = o.dia_object_id) AS counted_last
       FROM alerts.dia_object o WHERE o.dia_object_id = ${objectId}`,
  );
  return row;
}

describe('several files through one store pipeline (ingestFiles)', () => {
  it('stores the files in order, knows an object of an earlier file, and reports each file once stored', async () => {
    const objectId = 9_007_199_254_750_001n;
    const other = 9_007_199_254_750_002n;
    const curve = lightCurveAlerts(objectId, 10);
    // File 2: the later alerts without their diaObject; their history repeats file 1's detections.
    const files = [
      await avroFile('night-1.avro', curve.slice(0, 4)),
      await avroFile(
        'night-2.avro',
        curve.slice(4).map((a) => ({ ...a, diaObject: null })),
      ),
      await avroFile('night-3.avro', lightCurveAlerts(other, 5)),
    ];
    const before = await snapshot();
    const reported: IngestResult[] = [];
    const results = await h.services.ingest.ingestFiles(files, { onFile: (r) => reported.push(r) });

    expect(results.map((r) => [r.source, r.newAlerts, r.knownAlerts, r.quarantined, r.refused])).toEqual([
      ['night-1.avro', 4, 0, 0, null],
      ['night-2.avro', 6, 0, 0, null],
      ['night-3.avro', 5, 0, 0, null],
    ]);
    expect(results.map((r) => r.newObjects)).toEqual([1, 0, 1]);
    expect(results.map((r) => r.newSources)).toEqual([4, 6, 5]);
    expect(reported).toEqual(results);

    const after = await snapshot();
    expect(after['alert']! - before['alert']!).toBe(15);
    expect(after['dia_source']! - before['dia_source']!).toBe(15);
    expect(after['alert_quarantine']).toBe(before['alert_quarantine']);
    for (const [id, n] of [
      [objectId, 10],
      [other, 5],
    ] as const) {
      const figures = await detectionFigures(id);
      expect(figures).toMatchObject({ n, counted_n: n });
      expect(figures!['first']).toBe(figures!['counted_first']);
      expect(figures!['last']).toBe(figures!['counted_last']);
    }

    const again = await h.services.ingest.ingestFiles(files);
    expect(again.map((r) => [r.newAlerts, r.knownAlerts, r.quarantined])).toEqual([
      [0, 4, 0],
      [0, 6, 0],
      [0, 5, 0],
    ]);
    expect(await snapshot()).toEqual(after);
  });
});

const INT64_MAX = 2n ** 63n - 1n;

/** The fixture's ids moved next to 2^63-1 (the object at it, detections and forced sources below it). */
function nearInt64Max(value: unknown, objectId: bigint): unknown {
  if (typeof value === 'bigint') {
    if (value === objectId) return INT64_MAX;
    if (value >= objectId * 1000n) return INT64_MAX - 1000n + (value - objectId * 1000n);
    return INT64_MAX - 100n + (value - objectId * 100n);
  }
  if (Array.isArray(value)) return value.map((v) => nearInt64Max(v, objectId));
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, nearInt64Max(v, objectId)]));
  return value;
}

describe('values as the binary COPY stores them', () => {
  it('keeps doubles and 64-bit ids exact, and rounds real columns as a 32-bit float does', async () => {
    const base = 1_000_000_007n;
    const curve = lightCurveAlerts(base, 2);
    // Doubles and fluxes that a 32-bit float does not hold exactly; the second alert's history repeats the first.
    // JSON.stringify prints these with 16 and 17 digits after the point: still numbers, not ids to quote.
    const sent = curve.map((alert, n) => ({
      ...alert.diaSource,
      ra: 0.1234567890123456 + n,
      decl: -0.30000000000000004,
      midPointTai: 60_800.12345678901 + n,
      psFlux: 1234.567 + n,
      psFluxErr: 0.1,
      snr: 3.3,
    }));
    const [a, b] = curve.map((alert, n) => ({
      ...alert,
      diaSource: sent[n]!,
      prvDiaSources: sent.slice(0, n),
      diaObject: { ...alert.diaObject, mwebv: 0.0213, z_final: 0.31, hostgal_snsep: null },
    }));
    const alerts = nearInt64Max([a, b], base) as (typeof a)[];
    const text = alerts.map(rawJson).join('\n');
    const result = await h.services.ingest.ingestBytes('exact.ndjson', Buffer.from(text));
    expect(result).toMatchObject({ format: 'ndjson', newAlerts: 2, quarantined: 0 });

    const sources = await h.db.$queryRawUnsafe<Record<string, unknown>[]>(
      `SELECT dia_source_id::text AS id, dia_object_id::text AS object, ra, decl, mid_point_tai,
              ps_flux::float8 AS ps_flux, ps_flux_err::float8 AS ps_flux_err, snr::float8 AS snr
         FROM alerts.dia_source WHERE dia_object_id = ${INT64_MAX} ORDER BY dia_source_id`,
    );
    expect(sources).toEqual(
      alerts.map((x) => ({
        id: x.diaSource.diaSourceId.toString(),
        object: INT64_MAX.toString(),
        ra: x.diaSource.ra,
        decl: x.diaSource.decl,
        mid_point_tai: x.diaSource.midPointTai,
        ps_flux: Math.fround(x.diaSource.psFlux),
        ps_flux_err: Math.fround(0.1),
        snr: Math.fround(3.3),
      })),
    );
    // The sent values were not float32-exact: the real columns hold them rounded, not as sent.
    expect(sources[0]!['ps_flux']).not.toBe(1234.567);
    expect(sources[0]!['id']).toBe((INT64_MAX - 100n).toString());

    const ids = await h.db.$queryRawUnsafe<{ id: string }[]>(
      `SELECT alert_id::text AS id FROM alerts.alert WHERE dia_object_id = ${INT64_MAX} ORDER BY alert_id`,
    );
    expect(ids.map((r) => r.id)).toEqual(alerts.map((x) => x.alertId.toString()));
    const [forced] = await h.db.$queryRawUnsafe<{ max: string; n: bigint }[]>(
      `SELECT max(dia_forced_source_id)::text AS max, count(*) AS n FROM alerts.dia_forced_source
        WHERE dia_object_id = ${INT64_MAX}`,
    );
    const forcedIds = alerts[1]!.prvDiaForcedSources.map((f) => f.diaForcedSourceId);
    expect(forced).toEqual({ max: forcedIds.at(-1)!.toString(), n: BigInt(forcedIds.length) });

    const [object] = await h.db.$queryRawUnsafe<Record<string, unknown>[]>(
      `SELECT dia_object_id::text AS id, ra, decl, mwebv, z_final::float8 AS z_final,
              hostgal_snsep, hostgal_mag_y::float8 AS hostgal_mag_y
         FROM alerts.dia_object WHERE dia_object_id = ${INT64_MAX}`,
    );
    expect(object).toEqual({
      id: INT64_MAX.toString(),
      ra: 359.9999,
      decl: -45.5,
      mwebv: 0.0213,
      z_final: Math.fround(0.31),
      hostgal_snsep: null,
      hostgal_mag_y: 21.5,
    });
    expect(Math.fround(0.0213)).not.toBe(0.0213);
  });
});

describe('objects that fill different fields', () => {
  it('stores each object with its own fields, whether new or merged into a known object', async () => {
    // One chunk, two new objects: A gives z_final, B gives hostgal_mag_y and no z_final; a later file updates
    // neither (the merge path) but brings C, which gives neither field.
    const [a, b, c] = [9_007_199_254_750_011n, 9_007_199_254_750_012n, 9_007_199_254_750_013n];
    const withFields = (id: bigint, fields: Record<string, number | null>) =>
      lightCurveAlerts(id, 2).map((x) => ({ ...x, diaObject: { ...x.diaObject, ...fields } }));
    const first = await avroFile('fields-1.avro', [
      ...withFields(a, { z_final: 0.5, hostgal_mag_Y: null }),
      ...withFields(b, { z_final: null, hostgal_mag_Y: 22.25 }),
    ]);
    const second = await avroFile('fields-2.avro', [
      ...withFields(a, { z_final: 0.5, hostgal_mag_Y: null }),
      ...withFields(c, { z_final: null, hostgal_mag_Y: null }),
    ]);
    const results = await h.services.ingest.ingestFiles([first, second]);
    expect(results.map((r) => [r.newObjects, r.quarantined])).toEqual([
      [2, 0],
      [1, 0],
    ]);
    const rows = await h.db.$queryRawUnsafe<Record<string, unknown>[]>(
      `SELECT dia_object_id::text AS id, z_final::float8 AS z_final, hostgal_mag_y::float8 AS mag_y, n_detections AS n
         FROM alerts.dia_object WHERE dia_object_id IN (${a}, ${b}, ${c}) ORDER BY dia_object_id`,
    );
    expect(rows).toEqual([
      { id: a.toString(), z_final: 0.5, mag_y: null, n: 2 },
      { id: b.toString(), z_final: null, mag_y: 22.25, n: 2 },
      { id: c.toString(), z_final: null, mag_y: null, n: 2 },
    ]);
  });
});

describe('floats a 32-bit float cannot hold', () => {
  it('quarantines them with the field and value, and stores the rest of the file', async () => {
    const objectId = 9_007_199_254_750_003n;
    const curve = lightCurveAlerts(objectId, 4);
    const alerts = [
      curve[0]!,
      { ...curve[1]!, diaSource: { ...curve[1]!.diaSource, psFlux: 1e39 } },
      { ...curve[2]!, diaObject: { ...curve[2]!.diaObject, hostgal_snsep: 1e-50 } },
      curve[3]!,
    ];
    const result = await h.services.ingest.ingestBytes('overflow.json', Buffer.from(rawJson(alerts)));
    expect(result).toMatchObject({ format: 'json', records: 4, newAlerts: 2, quarantined: 2 });
    const reasons = await h.db.alertQuarantine.findMany({
      where: { source: 'overflow.json' },
      orderBy: { position: 'asc' },
    });
    expect(reasons.map((q) => [q.position, q.reason])).toEqual([
      [1, 'diaSource.psFlux 1e+39 does not fit a 32-bit float'],
      [2, 'diaObject.hostgal_snsep 1e-50 does not fit a 32-bit float'],
    ]);
    const stored = await h.db.alert.findMany({ where: { diaObjectId: objectId }, orderBy: { id: 'asc' } });
    expect(stored.map((s) => s.id)).toEqual([curve[0]!.alertId, curve[3]!.alertId]);
    const [flux] = await h.db.$queryRawUnsafe<{ max: number }[]>(
      `SELECT max(ps_flux)::float8 AS max FROM alerts.dia_source WHERE dia_object_id = ${objectId}`,
    );
    expect(flux!.max).toBeLessThan(1e4);
  });
});

describe('a failure in the middle of ingestFiles', () => {
  it('rejects with the error once the files before it are stored and reported, and leaves nothing unhandled', async () => {
    const unhandled: unknown[] = [];
    const listen = (reason: unknown): void => void unhandled.push(reason);
    process.on('unhandledRejection', listen);
    try {
      const objectId = 9_007_199_254_750_004n;
      const curve = lightCurveAlerts(objectId, 6);
      const first = await avroFile('before-missing.avro', curve.slice(0, 3));
      const reported: string[] = [];
      await expect(
        h.services.ingest.ingestFiles([first, path.join(dir, 'missing.avro')], {
          onFile: (r) => reported.push(`${r.source} ${r.newAlerts}`),
        }),
      ).rejects.toMatchObject({ code: 'ENOENT' });
      expect(reported).toEqual(['before-missing.avro 3']);
      expect(await h.db.alert.count({ where: { diaObjectId: objectId } })).toBe(3);

      // A chunk whose store fails (a constraint its rows break): that error, and nothing of the files after.
      const bad = 9_007_199_254_750_005n;
      const later = 9_007_199_254_750_006n;
      await h.db.$executeRawUnsafe(
        `ALTER TABLE alerts.dia_source ADD CONSTRAINT no_bad_object CHECK (dia_object_id <> ${bad}) NOT VALID`,
      );
      reported.length = 0;
      try {
        const files = [
          await avroFile('good-before.avro', curve.slice(3)),
          await avroFile('breaks-a-constraint.avro', lightCurveAlerts(bad, 2)),
          await avroFile('after-the-failure.avro', lightCurveAlerts(later, 2)),
        ];
        await expect(
          h.services.ingest.ingestFiles(files, {
            onFile: (r) => reported.push(`${r.source} ${r.newAlerts}`),
          }),
        ).rejects.toMatchObject({ code: '23514', message: expect.stringContaining('no_bad_object') });
      } finally {
        await h.db.$executeRawUnsafe('ALTER TABLE alerts.dia_source DROP CONSTRAINT no_bad_object');
      }
      expect(reported).toEqual(['good-before.avro 3']);
      expect(await h.db.alert.count({ where: { diaObjectId: objectId } })).toBe(6);
      expect(await h.db.alert.count({ where: { diaObjectId: { in: [bad, later] } } })).toBe(0);

      // Unhandled rejections are reported once the microtasks of a turn are done.
      await turn();
      await turn();
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', listen);
    }
  });
});
