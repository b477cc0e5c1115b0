// A device state change made while Redis is down is committed with its event in the dcs outbox and
// delivered once Redis is back (the outbox relay), not lost as when it was published directly.
import { createLogger } from '@opshub/config';
import { createDb, type Db } from '@opshub/db';
import { EventBus } from '@opshub/events';
import { createTestDatabase, startRedisServer, uniquePrefix, type TestDatabase } from '@opshub/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDcsDemo } from '../src/device/device.seed.js';
import { DCS_STREAMS, type DeviceStateChangedEvent } from '../src/events.js';
import { createDcsServices, type DcsServices } from '../src/services.js';

const log = createLogger('test', 'silent');
let redis: Awaited<ReturnType<typeof startRedisServer>>;
let database: TestDatabase;
let db: Db;
let events: EventBus;
let dcs: DcsServices;

beforeAll(async () => {
  redis = await startRedisServer();
  database = await createTestDatabase('dcs-device-outbox');
  db = createDb(database.url);
  events = await EventBus.connect(redis.url, uniquePrefix('device-outbox'));
  dcs = createDcsServices(db, { databaseUrl: database.url, events, log });
  await seedDcsDemo(db);
});

afterAll(async () => {
  await dcs?.close();
  await events?.close();
  await redis?.stop();
  await db?.$disconnect();
  await database?.drop();
});

async function stateEvents(): Promise<DeviceStateChangedEvent[]> {
  return (await events.range(DCS_STREAMS.deviceStateChanged, '0-0', 1000)).map(
    (e) => e.payload as DeviceStateChangedEvent,
  );
}

/** Retries `call` until Redis answers again, with a deadline. */
async function once<T>(call: () => Promise<T>, deadlineMs = 10_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    try {
      return await call();
    } catch (error) {
      if (Date.now() - started > deadlineMs) throw error;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

describe('device state through the dcs outbox', () => {
  it('a change made while Redis is down is delivered after it returns, in order, once', async () => {
    await dcs.devices.report([{ id: 'julabo', state: 'OFF', seenAt: new Date() }]);
    expect((await stateEvents()).map((e) => e.state)).toEqual(['OFF']);

    await redis.stop();
    // The change commits and the report answers although its event cannot be published now.
    const changed = await dcs.devices.report([{ id: 'julabo', state: 'ON', seenAt: new Date() }]);
    expect(changed.map((d) => d.state)).toEqual(['ON']);
    await dcs.devices.report([{ id: 'julabo', state: 'ERROR', online: false }]);
    expect((await dcs.devices.byId('julabo'))?.state).toBe('ERROR');
    expect(await db.dcsOutbox.count({ where: { publishedAt: null } })).toBe(2);

    await redis.start();
    expect(await once(() => dcs.outbox.relay(0))).toBe(2);
    // This redis-server keeps nothing across a restart: the stream holds what was published since.
    const seen = await stateEvents();
    expect(seen.map((e) => [e.previousState, e.state, e.online])).toEqual([
      ['OFF', 'ON', true],
      ['ON', 'ERROR', false],
    ]);
    expect(await dcs.outbox.relay(0)).toBe(0);
  });
});
