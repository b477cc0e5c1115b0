import { createLogger } from '@opshub/config';
import { createDb, type Db } from '@opshub/db';
import { DQM_STREAMS, type DqmRunIngestedEvent } from '@opshub/dqm';
import { EventBus, type DomainEvent } from '@opshub/events';
import { createBullConnection } from '@opshub/jobs';
import { startNectarcamServer, type NectarcamServer } from '@opshub/simulators/nectarcam';
import {
  createTestDatabase,
  deleteKeys,
  testRedisUrl,
  uniquePrefix,
  waitFor,
  type TestDatabase,
} from '@opshub/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dqmModule } from '../src/dqm/dqm.module.js';
import { startWorkers, type RunningWorkers } from '../src/index.js';

const log = createLogger('workers-test', 'silent');
let database: TestDatabase;
let db: Db;
let prefix: string;
let sim: NectarcamServer;
let workers: RunningWorkers;
let bus: EventBus;
let events: AsyncIterableIterator<DomainEvent<DqmRunIngestedEvent>>;

beforeAll(async () => {
  [database, sim] = await Promise.all([
    createTestDatabase('workers-nectarcam'),
    startNectarcamServer({ camera: 'NectarCAM2', firstRun: 1500, initialRuns: 1 }),
  ]);
  db = createDb(database.url);
  prefix = uniquePrefix('nectarcam');
  bus = await EventBus.connect(testRedisUrl(), prefix);
  events = await bus.subscribe<DqmRunIngestedEvent>(DQM_STREAMS.dqmRunIngested);
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
    modules: [dqmModule({ nectarcamSourceUrl: sim.url, pullEveryMs: 300, maxBytes: 64 * 2 ** 20 })],
  });
});

afterAll(async () => {
  await workers?.stop();
  await events?.return?.();
  await bus?.close();
  await sim?.close();
  const connection = createBullConnection(testRedisUrl());
  await deleteKeys(connection, prefix);
  await connection.quit();
  await db?.$disconnect();
  await database?.drop();
});

describe('the dqm module of the workers', () => {
  it('registers the configured source, stores the camera geometry, and pulls on its schedule', async () => {
    expect(await db.nectarcamSource.findMany({ select: { url: true } })).toEqual([{ url: sim.url }]);
    expect(
      await db.cameraGeometry.findUnique({ where: { name: 'NectarCam-003' }, select: { pixelCount: true } }),
    ).toEqual({ pixelCount: 1855 });
    const first = await events.next();
    expect(first.value.payload).toMatchObject({ camera: 'NectarCAM2', runNumber: 1500, replaced: false });

    // A run the server writes later is picked up by a later pull, with its event.
    sim.addRun();
    const second = await events.next();
    expect(second.value.payload).toMatchObject({ camera: 'NectarCAM2', runNumber: 1501 });
    await waitFor(async () => (await db.dqmRun.count()) === 2, 'both runs stored');
    const perRun = await Promise.all(
      [1500, 1501].map((runNumber) => db.dqmQuantity.count({ where: { runNumber } })),
    );
    expect(perRun[0]).toBeGreaterThan(0);
    expect(perRun[1]).toBe(perRun[0]);
  });
});
