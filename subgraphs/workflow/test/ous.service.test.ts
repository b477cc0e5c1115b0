import { createLogger } from '@opshub/config';
import { createDb, type Db } from '@opshub/db';
import { EventBus } from '@opshub/events';
import { createTestDatabase, testRedisUrl, uniquePrefix, type TestDatabase } from '@opshub/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OusStateChangedEvent } from '../src/events.js';
import { Executive, OusState } from '../src/ous/ous-state.js';
import { createWorkflowServices, type WorkflowServices } from '../src/services.js';

const admin = { id: '00000000-0000-4000-8000-000000000001', username: 'alma', roles: ['ADMIN' as const] };
let database: TestDatabase;
let db: Db;
let events: EventBus;
let services: WorkflowServices;

beforeAll(async () => {
  database = await createTestDatabase('workflow');
  db = createDb(database.url);
  events = await EventBus.connect(testRedisUrl(), uniquePrefix('wf'));
  services = createWorkflowServices(db, events, createLogger('test', 'silent'));
});

afterAll(async () => {
  await events?.close();
  await db?.$disconnect();
  await database?.drop();
});

async function nextEvent(iterator: AsyncIterable<OusStateChangedEvent & { eventId: string }>) {
  for await (const e of iterator) return e;
  throw new Error('stream ended');
}

describe('OusService', () => {
  it('creates an OUS ReadyForProcessing with its history row and publishes the event', async () => {
    const live = await services.ous.subscribe({ programId: '2015.1.00657.S' });
    const created = await services.ous.create('2015.1.00657.S', 'uid://X1/X1/Xb0', admin);
    expect(created).toMatchObject({
      id: 'uid://X1/X1/Xb0',
      state: OusState.READY_FOR_PROCESSING,
      substate: null,
    });
    const event = await nextEvent(live);
    expect(event.ous).toMatchObject({ id: 'uid://X1/X1/Xb0', state: 'ReadyForProcessing' });
    expect(event.transition).toMatchObject({ from: null, to: 'ReadyForProcessing', actorId: admin.id });
    expect(event.eventId).toMatch(/^\d+-\d+$/);
    const history = await services.ous.history('uid://X1/X1/Xb0');
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({
      from: null,
      to: OusState.READY_FOR_PROCESSING,
      actor: { id: admin.id },
    });
  });

  it('refuses a malformed id and a duplicate with coded errors', async () => {
    await expect(services.ous.create('2015.1.00657.S', 'not-a-uid', admin)).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
    });
    await expect(services.ous.create('2015.1.00657.S', 'uid://X1/X1/Xb0', admin)).rejects.toMatchObject({
      extensions: { code: 'CONFLICT' },
    });
  });

  it('lets exactly one of two concurrent transitions win; the other gets CONFLICT', async () => {
    await services.ous.create('2015.1.00657.S', 'uid://X1/X1/Xc0', admin);
    await services.ous.apply(
      'uid://X1/X1/Xc0',
      { kind: 'assignRecipe', recipe: 'PipelineCalibration' },
      { system: 'batch-helper' },
    );
    const results = await Promise.allSettled([
      services.ous.apply('uid://X1/X1/Xc0', { kind: 'assignExecutive', executive: Executive.EU }, admin),
      services.ous.apply('uid://X1/X1/Xc0', { kind: 'assignExecutive', executive: Executive.NA }, admin),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.reason).toMatchObject({
      extensions: { code: expect.stringMatching(/^(CONFLICT|INVALID_TRANSITION)$/) },
    });
    const history = await services.ous.history('uid://X1/X1/Xc0');
    expect(history.map((h) => h.to)).toEqual([
      OusState.READY_FOR_PROCESSING,
      OusState.READY_FOR_PROCESSING,
      OusState.PROCESSING,
    ]);
    expect(history[1]).toMatchObject({
      substate: 'PipelineCalibration',
      actor: null,
      systemActor: 'batch-helper',
      reason: null,
    });
  });

  it('replays missed events after an event id, then continues live', async () => {
    const first = await nextEvent(
      await services.ous.subscribe({}).then(async (it) => {
        void services.ous.create('2016.1.00001.S', 'uid://A1/B1/C1', admin);
        return it;
      }),
    );
    await services.ous.create('2016.1.00001.S', 'uid://A1/B1/C2', admin);
    await services.ous.create('2016.1.00001.S', 'uid://A1/B1/C3', admin);
    const resumed = await services.ous.subscribe({ after: first.eventId });
    const seen: string[] = [];
    for await (const e of resumed) {
      seen.push(e.ous.id);
      if (seen.length === 2) void services.ous.create('2016.1.00001.S', 'uid://A1/B1/C4', admin);
      if (seen.length === 3) break;
    }
    expect(seen).toEqual(['uid://A1/B1/C2', 'uid://A1/B1/C3', 'uid://A1/B1/C4']);
  });

  it('keeps the event in the outbox when Redis is unreachable, and the relay publishes it later', async () => {
    const offline = EventBus.unconnected('redis://127.0.0.1:1', events.prefix);
    const cut = createWorkflowServices(db, offline, createLogger('test', 'silent'));
    await cut.ous.create('2017.1.00002.S', 'uid://R1/R1/R1', admin);
    const live = await services.ous.subscribe({ programId: '2017.1.00002.S' });
    expect(await services.outbox.relay(0)).toBeGreaterThanOrEqual(1);
    const relayed = await nextEvent(live);
    expect(relayed.ous.id).toBe('uid://R1/R1/R1');
    expect(await services.outbox.relay(0)).toBe(0);
    await offline.close();
  });

  it('pages obsUnitSets most recently changed first with stable cursors', async () => {
    const page1 = await services.ous.page({ first: 2 });
    expect(page1.edges).toHaveLength(2);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    await services.ous.create('2018.1.00003.S', 'uid://P1/P1/P9', admin);
    const page2 = await services.ous.page({ first: 100, after: page1.pageInfo.endCursor! });
    const ids = [...page1.edges, ...page2.edges].map((e) => e.node.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).not.toContain('uid://P1/P1/P9');
    expect(page1.totalCount + 1).toBe((await services.ous.page({ first: 1 })).totalCount);
  });
});
