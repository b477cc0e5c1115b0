import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeAlertContainer } from '../src/index.js';
import { startHarness, type Harness } from './harness.js';
import { lightCurveAlerts } from './light-curve.fixture.js';

let h: Harness;
let dir: string;

beforeAll(async () => {
  h = await startHarness('alert-ingest-mixed');
  dir = await mkdtemp(path.join(tmpdir(), 'alert-ingest-mixed-'));
});
afterAll(async () => {
  await h?.close();
  await rm(dir, { recursive: true, force: true });
});

type Alert = ReturnType<typeof lightCurveAlerts>[number];

const count = async (sql: string): Promise<number> =>
  Number((await h.db.$queryRawUnsafe<{ n: bigint }[]>(sql))[0]!.n);

describe('a file the fast Avro decoder reads only in part', () => {
  // The fast decoder leaves out history rows an earlier alert of the file gave and notes what it gives; an alert it
  // does not take (here: without its diaObject, or the same alert twice) is read the general way and its rows are
  // checked against what was noted. Spread over several chunks (the first is 500 alerts, the next 5,000), every row
  // must be stored exactly once and every object's detection figures must match its stored detections.
  it('stores every row once, whichever decoder read it, across chunks', async () => {
    const OBJECTS = 240;
    const NIGHTS = 6;
    const curves = Array.from({ length: OBJECTS }, (_, j) =>
      lightCurveAlerts(9_007_199_254_800_000n + BigInt(j), NIGHTS),
    );
    // Night by night, so an object's alerts fall into different chunks; every 7th alert without its diaObject
    // (its object was carried by its first alert), and one alert twice.
    const alerts: Alert[] = [];
    for (let n = 0; n < NIGHTS; n++)
      for (let j = 0; j < OBJECTS; j++) {
        const a = curves[j]![n]!;
        alerts.push(
          n > 0 && alerts.length % 7 === 0 ? { ...a, diaObject: null as unknown as Alert['diaObject'] } : a,
        );
      }
    alerts.splice(777, 0, alerts[700]!);
    const file = path.join(dir, 'mixed.avro');
    await writeFile(file, await encodeAlertContainer(alerts));

    const distinct = (ids: bigint[]) => new Set(ids).size;
    const expected = {
      objects: OBJECTS,
      sources: distinct(
        alerts.flatMap((a) => [a.diaSource.diaSourceId, ...a.prvDiaSources.map((s) => s.diaSourceId)]),
      ),
      forced: distinct(alerts.flatMap((a) => a.prvDiaForcedSources.map((f) => f.diaForcedSourceId))),
      alerts: OBJECTS * NIGHTS,
    };
    expect(expected.sources).toBe(OBJECTS * NIGHTS);

    const [result] = await h.services.ingest.ingestFiles([file]);
    expect(result).toMatchObject({
      refused: null,
      records: alerts.length,
      quarantined: 0,
      newAlerts: expected.alerts,
      newObjects: expected.objects,
      newSources: expected.sources,
      newForcedSources: expected.forced,
    });
    const range = 'BETWEEN 9007199254800000 AND 9007199254800000 + 239';
    expect(await count(`SELECT count(*) AS n FROM alerts.dia_object WHERE dia_object_id ${range}`)).toBe(
      OBJECTS,
    );
    expect(await count(`SELECT count(*) AS n FROM alerts.dia_source WHERE dia_object_id ${range}`)).toBe(
      expected.sources,
    );
    expect(
      await count(`SELECT count(*) AS n FROM alerts.dia_forced_source WHERE dia_object_id ${range}`),
    ).toBe(expected.forced);
    expect(await count(`SELECT count(*) AS n FROM alerts.alert WHERE dia_object_id ${range}`)).toBe(
      expected.alerts,
    );
    // Detection figures: each object's count and first/last MJD as its stored detections give them.
    expect(
      await count(
        `SELECT count(*) AS n FROM alerts.dia_object o,
                LATERAL (SELECT count(*)::int AS n, min(mid_point_tai) AS lo, max(mid_point_tai) AS hi
                           FROM alerts.dia_source s WHERE s.dia_object_id = o.dia_object_id) d
          WHERE o.dia_object_id ${range}
            AND (o.n_detections, o.first_detection_mjd, o.last_detection_mjd) IS DISTINCT FROM (d.n, d.lo, d.hi)`,
      ),
    ).toBe(0);

    const [again] = await h.services.ingest.ingestFiles([file]);
    expect(again).toMatchObject({
      newAlerts: 0,
      knownAlerts: expected.alerts,
      newSources: 0,
      newForcedSources: 0,
    });
  });
});
