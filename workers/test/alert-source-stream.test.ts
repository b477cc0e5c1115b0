import { createAlertsServices, type AlertsServices } from '@opshub/alerts';
import { createLogger } from '@opshub/config';
import { createDb, type Db } from '@opshub/db';
import { EventBus } from '@opshub/events';
import { startAlertStreamServer, type AlertStreamServer } from '@opshub/simulators/alert-stream';
import {
  createTestDatabase,
  deleteKeys,
  testRedisUrl,
  uniquePrefix,
  type TestDatabase,
} from '@opshub/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The demo's alert stream read by the real ingest: what `npm run up` shows must be real alerts with truth.
const prefix = uniquePrefix('alert-stream');
let database: TestDatabase;
let db: Db;
let events: EventBus;
let alerts: AlertsServices;
let sim: AlertStreamServer;

beforeAll(async () => {
  [database, sim] = await Promise.all([
    createTestDatabase('workers-alert-stream'),
    startAlertStreamServer({ initialBatches: 25, population: 60, seed: 11 }),
  ]);
  db = createDb(database.url, { max: 2 });
  events = await EventBus.connect(testRedisUrl(), prefix);
  alerts = createAlertsServices(db, {
    databaseUrl: database.url,
    events,
    log: createLogger('alert-stream-test', 'silent'),
  });
});

afterAll(async () => {
  await alerts?.close();
  await events?.close();
  await sim?.close();
  await deleteKeys(testRedisUrl(), prefix);
  await db?.$disconnect();
  await database?.drop();
});

describe('the simulated alert stream through the real ingest', () => {
  it('stores every alert of its batches, nothing quarantined, with the truth of each object and detection', async () => {
    const { id } = await alerts.alertSources.add(sim.url);
    const outcome = await alerts.alertSources.pull(id);
    expect(outcome).toMatchObject({ status: 'pulled', batches: 25, quarantined: 0 });
    expect(await db.alertQuarantine.count()).toBe(0);
    const nAlerts = await db.alert.count();
    expect(nAlerts).toBeGreaterThan(100);
    expect(outcome).toMatchObject({ alerts: nAlerts });

    // Truth where known: every object and every detection, of several classes of the taxonomy.
    expect(await db.diaObjectTruth.count()).toBe(await db.diaObject.count());
    expect(await db.diaSourceTruth.count()).toBe(await db.diaSource.count());
    const gentypes = (await db.diaObjectTruth.groupBy({ by: ['gentype'] })).map((g) => g.gentype);
    expect(gentypes.length).toBeGreaterThanOrEqual(5);
    for (const g of gentypes) expect([10, 20, 30, 50, 60, 80, 82, 83, 90]).toContain(g);

    // 64-bit ids beyond 2^53 kept exact: each object's truth (sent as decimal text) names it.
    const objects = await db.diaObject.findMany({ select: { id: true }, orderBy: { id: 'asc' } });
    const truths = await db.diaObjectTruth.findMany({
      select: { diaObjectId: true },
      orderBy: { diaObjectId: 'asc' },
    });
    expect(objects[0]!.id).toBeGreaterThan(2n ** 53n);
    expect(truths.map((t) => t.diaObjectId)).toEqual(objects.map((o) => o.id));
  });

  it('gives a supernova its host galaxy, detections at 5σ or more and forced photometry before its first detection', async () => {
    const sn = await db.diaObjectTruth.findFirstOrThrow({
      where: { gentype: 10 },
      orderBy: { diaObjectId: 'asc' },
    });
    const object = await db.diaObject.findUniqueOrThrow({ where: { id: sn.diaObjectId } });
    // Host galaxy fields, photo-z near the truth.
    expect(object.hostgalZphot).not.toBeNull();
    expect(Math.abs(object.hostgalZphot! - sn.zcmb!)).toBeLessThan(0.3);
    expect(object.hostgalMagR).not.toBeNull();
    expect(object.nDetections).toBeGreaterThan(0);

    const where = { diaObjectId: object.id };
    const detections = (await db.diaSource.findMany({ where })).map((p) => ({ ...p, mjd: p.midPointTai }));
    const forced = (await db.diaForcedSource.findMany({ where })).map((p) => ({ ...p, mjd: p.midPointTai }));
    expect(detections.length).toBe(object.nDetections);
    expect(detections.every((p) => Math.abs(p.psFlux / p.psFluxErr) >= 4.99)).toBe(true);
    const firstDetection = Math.min(...detections.map((p) => p.mjd));
    expect(forced.some((p) => p.mjd < firstDetection && p.mjd >= firstDetection - 30)).toBe(true);
    expect(forced.every((p) => p.mjd >= firstDetection - 30)).toBe(true);
  });

  it('serves an object truth and a source truth for each new detection, and every detection as an alert', async () => {
    const { batch } = await sim.addBatch();
    const sources = batch.truth.filter((t) => t['kind'] === 'source');
    expect(sources).toHaveLength(batch.alerts.length);
    expect(sources.map((t) => t['diaSourceId'])).toEqual(
      batch.alerts.map((a) => String((a['diaSource'] as { diaSourceId: bigint }).diaSourceId)),
    );
  });
});
