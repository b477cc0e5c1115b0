import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EventBus } from '@opshub/events';
import { deleteKeys, testRedisUrl, uniquePrefix, waitFor } from '@opshub/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALERTS_STREAMS, encodeAlertContainer, type AlertIngestedEvent } from '../src/index.js';
import { startHarness, type Harness } from './harness.js';
import { lightCurveAlerts, OBJECT_ID } from './light-curve.fixture.js';

let h: Harness;
let events: EventBus;
let prefix: string;
let dir: string;

beforeAll(async () => {
  prefix = uniquePrefix('alerts-ingest');
  events = await EventBus.connect(testRedisUrl(), prefix);
  h = await startHarness('alert-ingest', events);
  dir = await mkdtemp(path.join(tmpdir(), 'alert-ingest-'));
});
afterAll(async () => {
  await h?.close();
  await events?.close();
  await deleteKeys(testRedisUrl(), prefix);
  await rm(dir, { recursive: true, force: true });
});

const count = async (table: string): Promise<number> =>
  Number((await h.db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM alerts.${table}`))[0]!.n);

async function snapshot(): Promise<Record<string, number>> {
  const tables = ['dia_object', 'dia_source', 'dia_forced_source', 'alert', 'alert_quarantine'];
  return Object.fromEntries(await Promise.all(tables.map(async (t) => [t, await count(t)] as const)));
}

describe('alert ingest from an Avro container file', () => {
  it('stores a light curve, announces each alert once, and a second import changes nothing', async () => {
    const alerts = lightCurveAlerts();
    const file = path.join(dir, 'batch-1.avro');
    await writeFile(file, await encodeAlertContainer(alerts, { codec: 'deflate' }));

    const seen: AlertIngestedEvent[] = [];
    const feed = await events.subscribe<AlertIngestedEvent>(ALERTS_STREAMS.alertIngested);
    void (async () => {
      for await (const e of feed) seen.push(e.payload);
    })();

    const progress: number[] = [];
    const first = await h.services.ingest.ingestFile(file, (p) => progress.push(p.done));
    expect(first).toMatchObject({
      source: 'batch-1.avro',
      format: 'avro',
      refused: null,
      records: 40,
      newAlerts: 40,
      knownAlerts: 0,
      quarantined: 0,
      newObjects: 1,
      newSources: 40,
      newForcedSources: 138,
    });
    expect(progress.at(-1)).toBe(40);
    await waitFor(() => seen.length === 40, 'an alertIngested per alert');
    expect(seen[0]).toMatchObject({
      alertId: (OBJECT_ID * 100n).toString(),
      diaObjectId: OBJECT_ID.toString(),
    });

    const [object] = await h.db.$queryRawUnsafe<Record<string, unknown>[]>(
      `SELECT dia_object_id::text AS id, sim_version, hostgal_mag_y, hostgal2_mag_u, z_final, n_detections,
              first_detection_mjd, last_detection_mjd FROM alerts.dia_object`,
    );
    expect(object).toEqual({
      id: OBJECT_ID.toString(),
      sim_version: 'ELAsTiCC2-test',
      hostgal_mag_y: 21.5,
      hostgal2_mag_u: 24.25,
      z_final: 0.31,
      n_detections: 40,
      first_detection_mjd: 60_800.1,
      last_detection_mjd: 60_839.1,
    });

    const before = await snapshot();
    const again = await h.services.ingest.ingestFile(file);
    expect(again).toMatchObject({
      newAlerts: 0,
      knownAlerts: 40,
      quarantined: 0,
      newSources: 0,
      newForcedSources: 0,
    });
    expect(await snapshot()).toEqual(before);
    await new Promise((r) => setTimeout(r, 200));
    expect(seen).toHaveLength(40);
    await feed.return?.(undefined);
  });
});

/** JSON as a broker or script writes it: 64-bit ids as bare integer literals. */
const rawJson = (value: unknown): string =>
  JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? `@@${v}@@` : v)).replace(
    /"@@(-?\d+)@@"/g,
    '$1',
  );

describe('refused records and files', () => {
  it('quarantines an undecodable Avro record with its reason and stores the rest of the batch', async () => {
    const objectId = 9_007_199_254_741_001n;
    const alerts = lightCurveAlerts(objectId, 3);
    alerts[1]!.diaObject.simVersion = 'CORRUPT!';
    const bytes = await encodeAlertContainer(alerts, { blockSize: 1 });
    // The union branch of the second alert's simVersion (1: string) becomes 7, which the schema has not.
    const at = bytes.indexOf('CORRUPT!', 0, 'latin1');
    expect(bytes[at - 2]).toBe(0x02);
    bytes[at - 2] = 0x0e;
    const result = await h.services.ingest.ingestBytes('corrupt-record.avro', bytes);
    expect(result).toMatchObject({ refused: null, records: 3, newAlerts: 2, quarantined: 1 });
    const rows = await h.db.alertQuarantine.findMany({ where: { source: 'corrupt-record.avro' } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ position: 1 });
    expect(rows[0]!.reason).toMatch(
      /^record 0 of block 1 cannot be decoded \(.+\); 1 record of the block lost with it$/,
    );
    // The alerts around it are stored, the corrupt one is not.
    const ids = (await h.db.alert.findMany({ where: { diaObjectId: objectId }, orderBy: { id: 'asc' } })).map(
      (a) => a.id,
    );
    expect(ids).toEqual([objectId * 100n, objectId * 100n + 2n]);
  });

  it('refuses a truncated file whole, and a file whose sync marker is broken, with the reason', async () => {
    const objectId = 9_007_199_254_741_002n;
    const bytes = await encodeAlertContainer(lightCurveAlerts(objectId, 3), { blockSize: 1 });
    const before = await snapshot();
    const truncated = await h.services.ingest.ingestBytes(
      'truncated.avro',
      bytes.subarray(0, bytes.length - 10),
    );
    expect(truncated).toMatchObject({
      refused: 'truncated: the file ends inside block 2 (at byte ' + (bytes.length - 10) + ')',
      newAlerts: 0,
    });
    const broken = Buffer.from(bytes);
    broken[broken.length - 1]! ^= 0xff;
    const corrupt = await h.services.ingest.ingestBytes('broken-sync.avro', broken);
    expect(corrupt.refused).toBe("corrupt: block 2's sync marker does not match the header's");
    const after = await snapshot();
    expect(after).toEqual({ ...before, alert_quarantine: before['alert_quarantine']! + 2 });
    const refusals = await h.db.alertQuarantine.findMany({
      where: { position: null },
      orderBy: { source: 'asc' },
    });
    expect(refusals.map((r) => [r.source, r.reason])).toEqual([
      ['broken-sync.avro', corrupt.refused],
      ['truncated.avro', truncated.refused],
    ]);
    // Refused again: still one row each.
    await h.services.ingest.ingestBytes('truncated.avro', bytes.subarray(0, bytes.length - 10));
    expect(await snapshot()).toEqual(after);
  });

  it('reads NDJSON with exact 64-bit ids and quarantines a bad line and an alert off the sky', async () => {
    const objectId = 9_223_372_036_854_775_000n;
    const [a, b, c] = lightCurveAlerts(objectId / 1000n, 3);
    const offSky = { ...c!, diaSource: { ...c!.diaSource, decl: 95 } };
    const text = [rawJson(a), '{"alertId": 1, "diaSource":', rawJson(b), rawJson(offSky)].join('\n');
    const result = await h.services.ingest.ingestBytes('alerts.ndjson', Buffer.from(text));
    expect(result).toMatchObject({ format: 'ndjson', records: 4, newAlerts: 2, quarantined: 2 });
    const stored = await h.db.alert.findMany({
      where: { diaObjectId: objectId / 1000n },
      orderBy: { id: 'asc' },
    });
    expect(stored.map((s) => s.id.toString())).toEqual([a!.alertId.toString(), b!.alertId.toString()]);
    const reasons = (
      await h.db.alertQuarantine.findMany({
        where: { source: 'alerts.ndjson' },
        orderBy: { position: 'asc' },
      })
    ).map((q) => [q.position, q.reason]);
    expect(reasons).toEqual([
      [1, expect.stringMatching(/^line 2 is not JSON: /)],
      [3, 'diaSource.decl must be in [-90, 90], got 95'],
    ]);
  });

  it('merges the rows of an object new to the store when some of them are stored already', async () => {
    // A detection stored without its object (as a racing import could leave it): the straight COPY of the new
    // object's rows meets it, is rolled back, and the chunk is merged instead.
    const objectId = 9_007_199_254_741_010n;
    await h.db.$executeRawUnsafe(
      `INSERT INTO alerts.dia_source (dia_source_id, dia_object_id, mid_point_tai, filter_name, ra, decl, ps_flux, ps_flux_err, snr)
       VALUES (${objectId * 100n}, ${objectId}, 60800.1, 'u', 359.9999, -45.5, 1, 1, 1)`,
    );
    const bytes = await encodeAlertContainer(lightCurveAlerts(objectId, 3));
    const result = await h.services.ingest.ingestBytes('partly-stored.avro', bytes);
    expect(result).toMatchObject({ newAlerts: 3, newObjects: 1, newSources: 2, quarantined: 0 });
    const [object] = await h.db.$queryRawUnsafe<{ n: number; lo: number; hi: number }[]>(
      `SELECT n_detections AS n, first_detection_mjd AS lo, last_detection_mjd AS hi
         FROM alerts.dia_object WHERE dia_object_id = ${objectId}`,
    );
    expect(object).toEqual({ n: 3, lo: 60_800.1, hi: 60_802.1 });
  });

  it('quarantines an alert without a diaObject for an object never seen', async () => {
    const [a] = lightCurveAlerts(9_007_199_254_741_003n, 1);
    const result = await h.services.ingest.ingestBytes(
      'orphan.json',
      Buffer.from(rawJson([{ ...a!, diaObject: null }])),
    );
    expect(result).toMatchObject({ format: 'json', newAlerts: 0, quarantined: 1 });
    const [row] = await h.db.alertQuarantine.findMany({ where: { source: 'orphan.json' } });
    expect(row).toMatchObject({
      alertId: a!.alertId,
      reason: `diaObject ${a!.diaObject.diaObjectId} is unknown and the alert carries none`,
    });
  });

  it('lists every refusal through alertQuarantine, newest first, for admins only', async () => {
    const Q = `query($after: String) { alertQuarantine(first: 2, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { source position alertId reason } } } }`;
    const all: { source: string; position: number | null; reason: string }[] = [];
    let after: string | null = null;
    for (;;) {
      type Result = {
        alertQuarantine: {
          totalCount: number;
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
          edges: { node: { source: string; position: number | null; reason: string } }[];
        };
      };
      const result: { data?: Result | null; errors?: unknown } = await h.exec<Result>(Q, { after }, 'ADMIN');
      expect(result.errors).toBeUndefined();
      all.push(...result.data!.alertQuarantine.edges.map((e) => e.node));
      if (!result.data!.alertQuarantine.pageInfo.hasNextPage) break;
      after = result.data!.alertQuarantine.pageInfo.endCursor;
    }
    expect(all).toHaveLength(await count('alert_quarantine'));
    expect(all[0]).toMatchObject({ source: 'orphan.json', position: 0 });
    expect(all.find((q) => q.source === 'truncated.avro')).toMatchObject({ position: null });
    expect((await h.exec(Q, {}, 'VIEWER')).errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
  });
});
