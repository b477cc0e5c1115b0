import { randomUUID } from 'node:crypto';
import { createLogger } from '@opshub/config';
import { EventBus } from '@opshub/events';
import { deleteKeys, testRedisUrl, uniquePrefix, waitFor } from '@opshub/testing';
import { parse, subscribe, type ExecutionResult } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeAlertContainer } from '../src/index.js';
import { startHarness, type Harness } from './harness.js';
import { lightCurveAlerts, OBJECT_ID } from './light-curve.fixture.js';

let h: Harness;
let events: EventBus;
const prefix = uniquePrefix('alerts-queries');
const alerts = lightCurveAlerts();
const last = alerts.at(-1)!;

beforeAll(async () => {
  events = await EventBus.connect(testRedisUrl(), prefix);
  h = await startHarness('alert-queries', events);
  await h.services.ingest.ingestBytes('lc.avro', await encodeAlertContainer(alerts));
});
afterAll(async () => {
  await h?.close();
  await events?.close();
  await deleteKeys(testRedisUrl(), prefix);
});

async function query<T>(source: string, variables: Record<string, unknown> = {}): Promise<T> {
  const result = await h.exec<T>(source, variables);
  expect(result.errors).toBeUndefined();
  return result.data!;
}

describe('objects, sources and alerts through GraphQL', () => {
  it('keeps every 64-bit id exact and serves the object with its hosts and detection figures', async () => {
    const { diaObject } = await query<{ diaObject: Record<string, unknown> }>(
      `query($id: ID!) { diaObject(id: $id) { id ra decl simVersion zFinal nDetections firstDetectionMjd
         lastDetectionMjd hostgal { magY zphot zphotQuantiles snsep } hostgal2 { magU magY } } }`,
      { id: OBJECT_ID.toString() },
    );
    expect(diaObject).toEqual({
      id: '9007199254740993',
      ra: 359.9999,
      decl: -45.5,
      simVersion: 'ELAsTiCC2-test',
      zFinal: 0.31,
      nDetections: 40,
      firstDetectionMjd: 60_800.1,
      lastDetectionMjd: 60_839.1,
      hostgal: {
        magY: 21.5,
        zphot: 0.3,
        zphotQuantiles: [null, null, null, null, null, 0.29, null, null, null, null, null],
        snsep: 0.8,
      },
      hostgal2: { magU: 24.25, magY: null },
    });

    const { alert } = await query<{
      alert: Record<string, unknown> & { prvDiaSources: unknown[]; prvDiaForcedSources: { id: string }[] };
    }>(
      `query($id: ID!) { alert(id: $id) { alertId diaSourceId diaSource { id midPointTai filterName }
         diaObject { id } prvDiaSources { id } prvDiaForcedSources { id } } }`,
      { id: last.alertId.toString() },
    );
    expect(alert).toMatchObject({
      alertId: '900719925474099339',
      diaSourceId: '900719925474099339',
      diaSource: { id: '900719925474099339', midPointTai: 60_839.1, filterName: 'i' },
      diaObject: { id: '9007199254740993' },
    });
    expect(alert.prvDiaSources).toHaveLength(39);
    expect(alert.prvDiaForcedSources.map((f) => f.id)).toEqual(
      last.prvDiaForcedSources.map((f) => f.diaForcedSourceId.toString()),
    );

    const { diaSource } = await query<{ diaSource: unknown }>(
      'query($id: ID!) { diaSource(id: $id) { id diaObjectId psFlux snr } }',
      {
        id: alerts[15]!.diaSource.diaSourceId.toString(),
      },
    );
    expect(diaSource).toEqual({
      id: '900719925474099315',
      diaObjectId: '9007199254740993',
      psFlux: Number(alerts[15]!.diaSource.psFlux.toPrecision(8)),
      snr: Number(alerts[15]!.diaSource.snr.toPrecision(8)),
    });
    expect((await h.exec('{ alert(id: "12") { alertId } diaSource(id: "12") { id } }')).data).toEqual({
      alert: null,
      diaSource: null,
    });
    expect((await h.exec('{ alert(id: "1e5") { alertId } }')).errors?.[0]?.extensions?.['code']).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('filters objects on their number of detections and first/last detection MJD', async () => {
    await h.services.diaObjects.upsertObjects([{ id: 77n, ra: 1, decl: 1 }]);
    const ids = async (filter: Record<string, unknown>): Promise<string[]> =>
      (
        await query<{ diaObjects: { edges: { node: { id: string } }[] } }>(
          'query($f: DiaObjectFilter) { diaObjects(filter: $f) { edges { node { id } } } }',
          { f: filter },
        )
      ).diaObjects.edges.map((e) => e.node.id);
    expect(await ids({})).toEqual(['77', '9007199254740993']);
    expect(await ids({ minDetections: 40 })).toEqual(['9007199254740993']);
    expect(await ids({ minDetections: 41 })).toEqual([]);
    expect(await ids({ maxDetections: 0 })).toEqual(['77']);
    expect(await ids({ firstDetectionMjd: { from: 60_800, to: 60_801 } })).toEqual(['9007199254740993']);
    expect(await ids({ lastDetectionMjd: { from: 60_840 } })).toEqual([]);
    expect(await ids({ lastDetectionMjd: { to: 60_839.1 } })).toEqual(['9007199254740993']);
  });

  it('serves the light curve as rows and as columns, by band and since an MJD, with forced photometry', async () => {
    const { diaObject } = await query<{
      diaObject: { all: Curve; r: Curve; detections: Curve };
    }>(
      `query($id: ID!) { diaObject(id: $id) {
         all: lightCurve { ...C }
         r: lightCurve(filterNames: ["r"], sinceMjd: 60820) { ...C }
         detections: lightCurve(forcedPhotometry: false) { ...C } } }
       fragment C on LightCurve { points { sourceId mjd filterName psFlux psFluxErr forced }
         columns { sourceId mjd filterName psFlux psFluxErr forced } }`,
      { id: OBJECT_ID.toString() },
    );
    type Curve = { points: Point[]; columns: Record<keyof Point, unknown[]> };
    type Point = {
      sourceId: string;
      mjd: number;
      filterName: string;
      psFlux: number;
      psFluxErr: number;
      forced: boolean;
    };
    const forcedStored = new Set(
      alerts.flatMap((a) => a.prvDiaForcedSources.map((f) => f.diaForcedSourceId)),
    );
    expect(diaObject.all.points).toHaveLength(40 + forcedStored.size);
    expect(diaObject.all.points.filter((p) => !p.forced)).toHaveLength(40);
    const mjds = diaObject.all.points.map((p) => p.mjd);
    expect(mjds).toEqual([...mjds].sort((a, b) => a - b));
    // Columns: the same points, index by index.
    for (const curve of Object.values(diaObject)) {
      for (const key of ['sourceId', 'mjd', 'filterName', 'psFlux', 'psFluxErr', 'forced'] as const)
        expect(curve.columns[key]).toEqual(curve.points.map((p) => p[key]));
    }
    expect(diaObject.r.points.length).toBeGreaterThan(0);
    expect(diaObject.r.points.every((p) => p.filterName === 'r' && p.mjd >= 60_820)).toBe(true);
    // Fluxes are float32 in the alert schema and stored as such: the same float32, in its shortest decimal.
    expect(
      diaObject.detections.points.map((p) => ({
        ...p,
        psFlux: Math.fround(p.psFlux),
        psFluxErr: Math.fround(p.psFluxErr),
      })),
    ).toEqual(
      alerts.map((a) => ({
        sourceId: a.diaSource.diaSourceId.toString(),
        mjd: a.diaSource.midPointTai,
        filterName: a.diaSource.filterName,
        psFlux: a.diaSource.psFlux,
        psFluxErr: a.diaSource.psFluxErr,
        forced: false,
      })),
    );
    expect(
      (
        await h.exec(
          `{ diaObject(id: "${OBJECT_ID}") { lightCurve(filterNames: ["q"]) { points { mjd } } } }`,
        )
      ).errors?.[0]?.extensions?.['code'],
    ).toBe('BAD_USER_INPUT');
  });
});

describe("an object's sources and forced sources", () => {
  it('pages them in time order by cursor, per band, with their total', async () => {
    const PAGE = `query($id: ID!, $after: String, $band: String) { diaObject(id: $id) {
      sources(first: 7, after: $after, filterName: $band) { totalCount pageInfo { hasNextPage endCursor } edges { node { id midPointTai filterName } } }
      forcedSources(first: 500) { totalCount edges { node { id } } } } }`;
    type Page = {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      edges: { node: { id: string; midPointTai: number; filterName: string } }[];
    };
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      type Result = { diaObject: { sources: Page; forcedSources: { totalCount: number } } };
      const { diaObject }: Result = await query<Result>(PAGE, {
        id: OBJECT_ID.toString(),
        after,
      });
      expect(diaObject.sources.totalCount).toBe(40);
      seen.push(...diaObject.sources.edges.map((e) => e.node.id));
      if (!diaObject.sources.pageInfo.hasNextPage) break;
      after = diaObject.sources.pageInfo.endCursor;
    }
    expect(seen).toEqual(alerts.map((a) => a.diaSource.diaSourceId.toString()));
    const g = await query<{
      diaObject: { sources: Page; forcedSources: { totalCount: number; edges: unknown[] } };
    }>(PAGE, {
      id: OBJECT_ID.toString(),
      band: 'g',
    });
    expect(g.diaObject.sources.edges.map((e) => e.node.filterName)).toEqual(Array(7).fill('g'));
    const forced = new Set(alerts.flatMap((a) => a.prvDiaForcedSources.map((f) => f.diaForcedSourceId)));
    expect(g.diaObject.forcedSources.totalCount).toBe(forced.size);
    expect(g.diaObject.forcedSources.edges).toHaveLength(forced.size);
  });
});

describe('alertIngested', () => {
  it('delivers only the alerts the filter keeps, checked on the server', async () => {
    const document = parse(`subscription($f: AlertFilter) { alertIngested(filter: $f) {
      alertId eventId diaSource { id filterName snr } diaObject { id } } }`);
    const contextValue = {
      user: { id: randomUUID(), username: 'viewer', roles: ['VIEWER'] },
      requestId: randomUUID(),
      log: createLogger('test', 'silent'),
    };
    const stream = (await subscribe({
      schema: h.schema,
      document,
      variableValues: {
        f: { filterNames: ['g'], minSnr: 30, cone: { ra: 0.0001, dec: -45.5, radiusArcsec: 2 } },
      },
      contextValue,
    })) as AsyncIterableIterator<
      ExecutionResult<{ alertIngested: { alertId: string; diaSource: { filterName: string; snr: number } } }>
    >;
    const got: { alertId: string; diaSource: { filterName: string; snr: number } }[] = [];
    expect(Symbol.asyncIterator in stream).toBe(true);
    void (async () => {
      for await (const r of stream) {
        expect(r.errors).toBeUndefined();
        got.push(r.data!.alertIngested);
      }
    })();
    await new Promise((r) => setTimeout(r, 100));
    const objectId = 9_007_199_254_743_001n;
    const more = lightCurveAlerts(objectId, 30);
    await h.services.ingest.ingestBytes('more.avro', await encodeAlertContainer(more));
    const expected = more
      .filter((a) => a.diaSource.filterName === 'g' && a.diaSource.snr >= 30)
      .map((a) => a.alertId.toString());
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(more.length);
    await waitFor(() => got.length >= expected.length, 'the matching alerts');
    await new Promise((r) => setTimeout(r, 200));
    expect(got.map((g) => g.alertId)).toEqual(expected);
    await stream.return?.(undefined);
  });
});
