import { createLogger } from '@opshub/config';
import { createDb, type Db } from '@opshub/db';
import { EventBus } from '@opshub/events';
import { createTestDatabase, testRedisUrl, uniquePrefix, type TestDatabase } from '@opshub/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlarmSeverity } from '../src/alarm/alarm.type.js';
import { createDcsServices, type DcsServices } from '../src/services.js';

const log = createLogger('test', 'silent');
let database: TestDatabase;
let dbs: Db[];
let events: EventBus;
let relays: DcsServices[];

beforeAll(async () => {
  database = await createTestDatabase('dcs-outbox');
  // Two pools, as two worker processes running the outbox relay would have.
  dbs = [createDb(database.url), createDb(database.url)];
  events = await EventBus.connect(testRedisUrl(), uniquePrefix('dcs-outbox'));
  relays = dbs.map((db) => createDcsServices(db, { databaseUrl: database.url, events, log }));
});

afterAll(async () => {
  await Promise.all((relays ?? []).map((r) => r.close()));
  await events?.close();
  await Promise.all((dbs ?? []).map((db) => db.$disconnect()));
  await database?.drop();
});

describe('dcs outbox relay', () => {
  it('two relays running at once publish each row once, in order, carrying the outbox id', async () => {
    const stream = 'dcs.outbox-two-relays';
    const ids: bigint[] = [];
    for (let i = 0; i < 450; i++)
      ids.push((await dbs[0]!.dcsOutbox.create({ data: { stream, payload: { seq: i } } })).id);
    const counts = await Promise.all([relays[0]!.outbox.relay(0), relays[1]!.outbox.relay(0)]);
    const seen = await events.range(stream, '0-0', 100_000);
    expect(seen.map((e) => (e.payload as { seq: number }).seq)).toEqual(ids.map((_, i) => i));
    expect(seen.map((e) => e.outboxId)).toEqual(ids.map(String));
    expect(seen.every((e) => e.type === 'outbox-two-relays')).toBe(true);
    expect(counts[0]! + counts[1]!).toBe(450);
  });

  it('publishes a raised alarm once, at once, with its outbox id', async () => {
    const raised = await relays[0]!.alarms.raise({
      rule: 'test-rule',
      deviceId: null,
      severity: AlarmSeverity.WARNING,
      message: 'm',
    });
    expect(raised).not.toBeNull();
    const seen = await events.range('dcs.alarm-raised', '0-0', 100);
    const mine = seen.filter((e) => (e.payload as { id: string }).id === raised!.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.outboxId).toMatch(/^\d+$/);
    expect(mine[0]!.type).toBe('alarm-raised');
    expect(await relays[1]!.outbox.relay(0)).toBe(0);
  });
});
