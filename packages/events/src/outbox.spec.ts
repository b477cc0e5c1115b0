import { describe, expect, it } from 'vitest';
import type { EventBus } from './event-bus.js';
import { eventTypeOf, Outbox, type OutboxRow, type OutboxStore, type PublishRow } from './outbox.js';

/** A store over an array: relayBatch hands out `take` rows at a time, like the table's. */
function store(rows: OutboxRow[], failAfter = Infinity): OutboxStore<unknown> & { published: bigint[] } {
  const published: bigint[] = [];
  const pending = () => rows.filter((r) => !published.includes(r.id));
  return {
    name: 'test.outbox',
    published,
    append: async () => 0n,
    publishThrough: async (id, _stream, _max, publish: PublishRow) => {
      const eventId = await publish(rows.find((r) => r.id === id)!);
      published.push(id);
      return eventId;
    },
    relayBatch: async (_olderThan, take, publish) => {
      const batch = pending().slice(0, take);
      let count = 0;
      for (const row of batch) {
        if (published.length >= failAfter)
          return { published: count, full: false, failed: new Error('down') };
        await publish(row);
        published.push(row.id);
        count++;
      }
      return { published: count, full: batch.length === take };
    },
    awaitRelease: async () => undefined,
    prune: async () => ({ count: 3 }),
  };
}

function bus(calls: unknown[][], fail = false): EventBus {
  return {
    publish: async (...args: unknown[]) => {
      if (fail) throw new Error('Redis is down');
      calls.push(args);
      return `${calls.length}-0`;
    },
  } as unknown as EventBus;
}

const silent = { debug: () => undefined, warn: () => undefined };
const rows = (n: number): OutboxRow[] =>
  Array.from({ length: n }, (_, i) => ({ id: BigInt(i + 1), stream: 'dcs.alarm-raised', payload: { i } }));

describe('Outbox', () => {
  it('publishes a row with its stream type and outbox id', async () => {
    const calls: unknown[][] = [];
    const outbox = new Outbox(store(rows(1)), bus(calls), silent);
    expect(await outbox.publishThrough(1n, 'dcs.alarm-raised')).toBe('1-0');
    expect(calls).toEqual([['dcs.alarm-raised', 'alarm-raised', { i: 0 }, { outboxId: 1n }]]);
  });

  it('never throws from publishThrough: the row waits for the relay, with a warning', async () => {
    const warned: object[] = [];
    const outbox = new Outbox(store(rows(1)), bus([], true), { ...silent, warn: (f) => void warned.push(f) });
    expect(await outbox.publishThrough(1n, 'dcs.alarm-raised')).toBeNull();
    expect(warned).toMatchObject([{ outbox: 'test.outbox', outboxId: '1' }]);
  });

  it('relays batch after batch until one is not full, and returns how many', async () => {
    const s = store(rows(450));
    expect(await new Outbox(s, bus([]), silent).relay(0)).toBe(450);
    expect(s.published).toHaveLength(450);
  });

  it('throws a relay failure after what was published before it', async () => {
    const s = store(rows(450), 250);
    await expect(new Outbox(s, bus([]), silent).relay(0)).rejects.toThrow('down');
    expect(s.published).toHaveLength(250);
  });

  it('names the event type after the stream, without its domain', () => {
    expect(eventTypeOf('workflow.ous-state-changed')).toBe('ous-state-changed');
    expect(eventTypeOf('plain')).toBe('plain');
  });
});
