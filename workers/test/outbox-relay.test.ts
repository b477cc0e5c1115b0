// The one outbox relay (`outbox-relay`) with two worker processes' worth of relays running at once over
// every domain's outbox, while write paths commit new events and publish them through: each row reaches
// its stream exactly once, and the events of each aggregate in the order they were committed. Then the
// job as the workers run it: registered with the maintenance jobs, scheduled, relaying every outbox.
import { createLogger } from '@opshub/config';
import { createDb, OUTBOX_TABLES, OutboxTable, type Db, type Tx } from '@opshub/db';
import { EventBus, Outbox, type DomainEvent } from '@opshub/events';
import { createBullConnection } from '@opshub/jobs';
import {
  createTestDatabase,
  deleteKeys,
  type TestDatabase,
  testRedisUrl,
  uniquePrefix,
  waitFor,
} from '@opshub/testing';
import type { Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RETENTION, opsModule } from '../src/processors/ops.module.js';
import { outboxRelayProcessor } from '../src/processors/outbox-relay.processor.js';
import { startWorkers, type RunningWorkers } from '../src/runtime/start-workers.js';

const log = createLogger('test', 'silent');
const prefix = uniquePrefix('outbox-relay');
let database: TestDatabase;
/** One pool and one bus per simulated worker process. */
let processes: { db: Db; events: EventBus; outboxes: Outbox<Tx>[] }[];

beforeAll(async () => {
  database = await createTestDatabase('workers-outbox-relay');
  processes = await Promise.all(
    [0, 1].map(async () => {
      const db = createDb(database.url);
      const events = await EventBus.connect(testRedisUrl(), prefix);
      const outboxes = OUTBOX_TABLES.map((name) => new Outbox<Tx>(new OutboxTable(db, name), events, log));
      return { db, events, outboxes };
    }),
  );
});

afterAll(async () => {
  for (const p of processes ?? []) {
    await p.events.close();
    await p.db.$disconnect();
  }
  const connection = createBullConnection(testRedisUrl());
  await deleteKeys(connection, prefix);
  await connection.quit();
  await database?.drop();
});

interface Step {
  aggregate: string;
  seq: number;
}

/** Two streams per outbox table, three aggregates per stream. */
const STREAMS = OUTBOX_TABLES.flatMap((table, t) =>
  ['a', 'b'].map((s) => ({ table: t, stream: `${table.split('.')[0]}.relay-test-${s}` })),
);
const AGGREGATES = STREAMS.flatMap(({ table, stream }) =>
  [0, 1, 2].map((n) => ({ table, stream, aggregate: `${stream}/${n}` })),
);

/** The write path of an aggregate: commit the event, then publish it through (as the services do). */
async function write(
  process: (typeof processes)[number],
  a: (typeof AGGREGATES)[number],
  seq: number,
  publish: boolean,
): Promise<void> {
  const outbox = process.outboxes[a.table]!;
  const id = await process.db.$transaction((tx) =>
    outbox.append<Step>(tx, a.stream, { aggregate: a.aggregate, seq }),
  );
  if (publish) await outbox.publishThrough(id, a.stream);
}

const job = (olderThanMs: number) =>
  ({ data: { olderThanMs } }) as Job<{ olderThanMs: number }, unknown, 'outbox-relay'>;

describe('outbox relay', () => {
  it('publishes each row once and in order per aggregate with two processes relaying and writers publishing through', async () => {
    const backlog = 40;
    const live = 15;
    // A backlog left by an outage: every aggregate's first events, unpublished, interleaved.
    for (let seq = 0; seq < backlog; seq++)
      for (const a of AGGREGATES) await write(processes[seq % 2]!, a, seq, false);

    // Two relays per process, each its own job run, while every aggregate's writer commits more
    // events and publishes them through (waiting for rows a relay holds, never overtaking them).
    const relays = processes.flatMap((p) => [0, 1].map(() => outboxRelayProcessor(p.outboxes)));
    let writing = true;
    const runs: { relayed: Record<string, number> }[] = [];
    await Promise.all([
      // Each relay runs again and again while the writers write, as scheduled jobs would.
      ...relays.map(async (relay) => {
        do runs.push((await relay(job(0))) as { relayed: Record<string, number> });
        while (writing);
      }),
      Promise.all(
        AGGREGATES.map(async (a, i) => {
          for (let seq = backlog; seq < backlog + live; seq++) await write(processes[i % 2]!, a, seq, true);
        }),
      ).finally(() => (writing = false)),
    ]);
    // What the write paths left (a publish-through stops when more than 100 older rows wait).
    await outboxRelayProcessor(processes[0]!.outboxes)(job(0));

    // Every run went over every domain's outbox.
    for (const run of runs) expect(Object.keys(run.relayed).sort()).toEqual([...OUTBOX_TABLES].sort());
    for (const { stream } of STREAMS) {
      const seen = (await processes[0]!.events.range(stream, '0-0', 100_000)) as DomainEvent<Step>[];
      const outboxIds = seen.map((e) => e.outboxId);
      expect(new Set(outboxIds).size, `${stream}: each row once`).toBe(outboxIds.length);
      expect(seen, `${stream}: every row`).toHaveLength(3 * (backlog + live));
      for (const { aggregate } of AGGREGATES.filter((a) => a.stream === stream)) {
        const seqs = seen.filter((e) => e.payload.aggregate === aggregate).map((e) => e.payload.seq);
        expect(seqs, `${aggregate}: in commit order`).toEqual([...Array(backlog + live).keys()]);
      }
    }
    for (const name of OUTBOX_TABLES) {
      const [left] = await processes[0]!.db.$queryRawUnsafe<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM ${name} WHERE published_at IS NULL`,
      );
      expect(left!.n, `${name}: nothing left`).toBe(0);
    }
  }, 120_000);

  describe('as the workers run it', () => {
    let workers: RunningWorkers;

    beforeAll(async () => {
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
        modules: [opsModule(DEFAULT_RETENTION)],
      });
    });

    afterAll(async () => {
      await workers?.stop();
    });

    it('is scheduled on the maintenance queue and relays every domain outbox', async () => {
      const schedulers = await workers.queue('maintenance').getJobSchedulers();
      expect(schedulers.map((s) => ({ key: s.key, name: s.name }))).toContainEqual({
        key: 'outbox-relay',
        name: 'outbox-relay',
      });
      const [p] = processes;
      for (const [t, outbox] of p!.outboxes.entries()) {
        await p!.db.$transaction((tx) => outbox.append(tx, `${OUTBOX_TABLES[t]!.split('.')[0]}.left`, { t }));
      }
      const added = await workers.queue('maintenance').add('outbox-relay', { olderThanMs: 0 });
      await waitFor(
        async () => (await workers.queue('maintenance').getJobState(added.id!)) === 'completed',
        'the relay job',
      );
      for (const name of OUTBOX_TABLES) {
        const stream = `${name.split('.')[0]}.left`;
        expect((await p!.events.range(stream, '0-0', 10)).map((e) => e.type)).toEqual(['left']);
      }
    });
  });
});
