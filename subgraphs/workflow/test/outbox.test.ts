import { createLogger } from '@opshub/config';
import { createDb, type Db } from '@opshub/db';
import { EventBus, type DomainEvent } from '@opshub/events';
import { createTestDatabase, testRedisUrl, uniquePrefix, type TestDatabase } from '@opshub/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkflowServices, type WorkflowServices } from '../src/services.js';

const log = createLogger('test', 'silent');
let database: TestDatabase;
/** Two processes' worth of clients: each relay has its own pool, as two worker processes would. */
let dbs: Db[];
let events: EventBus;
let relays: WorkflowServices[];

beforeAll(async () => {
  database = await createTestDatabase('workflow-outbox');
  dbs = [createDb(database.url), createDb(database.url)];
  events = await EventBus.connect(testRedisUrl(), uniquePrefix('wf-outbox'));
  relays = dbs.map((db) => createWorkflowServices(db, events, log));
});

afterAll(async () => {
  await events?.close();
  await Promise.all((dbs ?? []).map((db) => db.$disconnect()));
  await database?.drop();
});

/** Unpublished rows as a Redis outage leaves them; `seq` marks each row in its payload. */
async function unpublished(stream: string, count: number, from = 0): Promise<bigint[]> {
  const rows = [];
  for (let i = 0; i < count; i++)
    rows.push(await dbs[0]!.workflowOutbox.create({ data: { stream, payload: { seq: from + i } } }));
  return rows.map((r) => r.id);
}

async function streamOf(stream: string): Promise<DomainEvent<{ seq: number }>[]> {
  return (await events.range(stream, '0-0', 100_000)) as DomainEvent<{ seq: number }>[];
}

describe('outbox delivery', () => {
  it('two relays running at once publish each row once, in order, carrying the outbox id', async () => {
    const stream = 'outbox-two-relays';
    const ids = await unpublished(stream, 450);
    const counts = await Promise.all([relays[0]!.outbox.relay(0), relays[1]!.outbox.relay(0)]);
    const seen = await streamOf(stream);
    expect(seen.map((e) => e.payload.seq)).toEqual(ids.map((_, i) => i));
    expect(seen.map((e) => e.outboxId)).toEqual(ids.map(String));
    expect(counts[0]! + counts[1]!).toBe(450);
    expect(await dbs[0]!.workflowOutbox.count({ where: { stream, publishedAt: null } })).toBe(0);
  });

  it('a relay that meets a row another publisher holds waits for it, then publishes the rest', async () => {
    const stream = 'outbox-held-row';
    const ids = await unpublished(stream, 30);
    // Another publisher holds the oldest row (and gives up without publishing it, as when Redis fails).
    let holding!: () => void;
    const held = new Promise<void>((resolve) => (holding = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const other = dbs[1]!.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM workflow.outbox WHERE id = ${ids[0]!} FOR UPDATE`;
      holding();
      await released;
    });
    await held;
    const relaying = relays[0]!.outbox.relay(0);
    setImmediate(release);
    await other;
    // Stopping at the held row would publish nothing and leave all 30 to a later run.
    expect(await relaying).toBe(30);
    expect((await streamOf(stream)).map((e) => e.payload.seq)).toEqual(ids.map((_, i) => i));
  });

  it('the write path and the relay racing publish each row once, older rows first', async () => {
    const stream = 'outbox-write-and-relay';
    const ids = await unpublished(stream, 60);
    const own = ids.at(-1)!;
    const [eventId] = await Promise.all([
      relays[0]!.outbox.publishThrough(own, stream),
      relays[1]!.outbox.relay(0),
      relays[1]!.outbox.relay(0),
    ]);
    const seen = await streamOf(stream);
    expect(seen.map((e) => e.payload.seq)).toEqual(ids.map((_, i) => i));
    // Whoever published the writer's row, it went out once; the writer gets its event id when it did.
    if (eventId !== null) expect(seen.at(-1)!.id).toBe(eventId);
  });
});
