import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { AlertsServices } from '@opshub/alerts';
import { createLogger } from '@opshub/config';
import { createDb, type Db } from '@opshub/db';
import { createBullConnection } from '@opshub/jobs';
import { startAlertStreamServer, type AlertStreamServer } from '@opshub/simulators/alert-stream';
import {
  createTestDatabase,
  deleteKeys,
  testRedisUrl,
  uniquePrefix,
  waitFor,
  type TestDatabase,
} from '@opshub/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertsModule } from '../src/alerts/alerts.module.js';
import { startWorkers, type RunningWorkers } from '../src/index.js';

const log = createLogger('workers-test', 'silent');
const prefix = uniquePrefix('alert-source');
const TIMEOUT_MS = 3_000;
let database: TestDatabase;
let db: Db;
let sim: AlertStreamServer;
let workers: RunningWorkers;
let alerts: AlertsServices;
/** A source that accepts connections and never answers (a hung HTTP server). */
let dead: Server;
const held: Socket[] = [];

const source = (url: string) => db.alertSource.findUniqueOrThrow({ where: { url } });

beforeAll(async () => {
  [database, sim] = await Promise.all([
    createTestDatabase('workers-alert-source'),
    startAlertStreamServer({ initialBatches: 3, population: 25, seed: 7 }),
  ]);
  db = createDb(database.url, { max: 2 });
  dead = createServer((socket) => void held.push(socket));
  await new Promise<void>((resolve) => dead.listen(0, '127.0.0.1', resolve));
  workers = await startWorkers({
    env: {
      DATABASE_URL: database.url,
      REDIS_URL: testRedisUrl(),
      REDIS_PREFIX: prefix,
      SESSION_TTL_HOURS: 12,
      WORKER_SHUTDOWN_MS: 5_000,
      LOG_LEVEL: 'silent',
    },
    log,
    modules: [
      alertsModule({
        databaseUrl: database.url,
        alertSourceUrl: sim.url,
        pullEveryMs: 200,
        sourceTimeoutMs: TIMEOUT_MS,
        sourceBackoffMs: 60_000,
        onServices: (s) => (alerts = s),
      }),
    ],
  });
});

afterAll(async () => {
  await workers?.stop();
  for (const s of held) s.destroy();
  await new Promise<void>((resolve) => (dead ? dead.close(() => resolve()) : resolve()));
  await sim?.close();
  const connection = createBullConnection(testRedisUrl());
  await deleteKeys(connection, prefix);
  await connection.quit();
  await db?.$disconnect();
  await database?.drop();
});

describe('alert sources pulled by the workers', () => {
  it('registers the configured source and stores its batches, with truth, from its cursor', async () => {
    const names = sim.names();
    await waitFor(async () => (await source(sim.url)).cursor === names.at(-1), 'the three batches pulled');
    const stored = await source(sim.url);
    const alertCount = await db.alert.count();
    expect(alertCount).toBeGreaterThan(0);
    expect(stored).toMatchObject({ batches: 3, alerts: alertCount, quarantined: 0, lastError: null });
    // Truth of every detection and of every object that has an alert.
    expect(await db.diaSourceTruth.count()).toBe(await db.diaSource.count());
    expect(stored.truthSources).toBe(await db.diaSourceTruth.count());
    expect(await db.diaObjectTruth.count()).toBe(await db.diaObject.count());

    // Later pulls ask for what follows the cursor and take nothing twice.
    const before = sim.requests.length;
    await waitFor(() => sim.requests.length > before + 2, 'more pulls');
    expect(sim.requests.filter((p) => p === `/batches/${names[0]}`)).toHaveLength(1);
    expect((await source(sim.url)).batches).toBe(3);
    expect(await db.alert.count()).toBe(alertCount);

    // A new batch is taken from the cursor.
    const { name, batch } = await sim.addBatch();
    await waitFor(async () => (await source(sim.url)).cursor === name, 'the new batch pulled');
    expect(await db.alert.count()).toBe(alertCount + batch.alerts.length);
    expect(sim.requests.filter((p) => p.startsWith('/batches/')).sort()).toEqual(
      [...names, name].flatMap((n) => [`/batches/${n}`, `/batches/${n}/truth`]).sort(),
    );
  });

  it('quarantines a corrupt batch with its reason and goes on past it', async () => {
    const { batch } = await sim.addBatch();
    const corrupt = sim.putBatch(Buffer.from('Obj\x01 this is not the rest of an Avro file', 'latin1'));
    const after = await sim.addBatch();
    await waitFor(async () => (await source(sim.url)).cursor === after.name, 'past the corrupt batch');
    const quarantined = await db.alertQuarantine.findMany({ where: { source: { endsWith: corrupt } } });
    expect(quarantined).toHaveLength(1);
    expect(quarantined[0]!.reason).toMatch(/truncated|corrupt|schema/);
    const ids = [...batch.alerts, ...after.batch.alerts].map((a) => a['alertId'] as bigint);
    expect(await db.alert.count({ where: { id: { in: ids } } })).toBe(ids.length);
    expect(sim.requests).not.toContain(`/batches/${corrupt}/truth`);
  });

  it('backs off a dead source without delaying another', async () => {
    const url = `http://127.0.0.1:${(dead.address() as AddressInfo).port}/`;
    await alerts.alertSources.add(url);
    await waitFor(() => held.length > 0, 'the dead source asked');
    const asked = Date.now();
    // While the dead source's pull hangs, the live one's new batch is stored.
    const { name } = await sim.addBatch();
    await waitFor(async () => (await source(sim.url)).cursor === name, 'the live batch pulled');
    expect(Date.now() - asked).toBeLessThan(TIMEOUT_MS);
    expect((await source(url)).lastPulledAt).toBeNull();

    await waitFor(async () => (await source(url)).lastError !== null, 'the dead pull timed out');
    const failed = await source(url);
    expect(failed.lastError).toMatch(/timed out/);
    expect(failed.failures).toBe(1);
    expect(failed.cursor).toBeNull();
    expect(failed.backoffUntil!.getTime()).toBeGreaterThan(Date.now() + 30_000);
    // Backed off: the tick does not ask it again, while the live source goes on.
    const connections = held.length;
    const next = await sim.addBatch();
    await waitFor(async () => (await source(sim.url)).cursor === next.name, 'the live source still pulled');
    expect(held.length).toBe(connections);
  });
});
