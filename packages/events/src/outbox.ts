import type { EventBus } from './event-bus.js';

/** One outbox row: an event committed with the change it announces, waiting to be published. */
export interface OutboxRow {
  id: bigint;
  stream: string;
  payload: unknown;
}

/** Publishes one outbox row to its event stream; returns the event id. */
export type PublishRow = (row: OutboxRow) => Promise<string>;

/**
 * Where one domain's outbox rows live, published under row locks (`OutboxTable` of @opshub/db:
 * `publishThrough` waits for rows another publisher holds, `relayBatch` skips them and stops before
 * the first one it could not claim, so nothing overtakes an older row of the same aggregate).
 */
export interface OutboxStore<Tx> {
  /** The table, for logs and reports. */
  readonly name: string;
  append(tx: Tx, stream: string, payload: unknown): Promise<bigint>;
  publishThrough(id: bigint, stream: string, maxRows: number, publish: PublishRow): Promise<string | null>;
  relayBatch(
    olderThan: Date,
    take: number,
    publish: PublishRow,
  ): Promise<{ published: number; full: boolean; failed?: unknown; heldBy?: bigint }>;
  /** Returns once no other transaction holds row `id` (it was being published by someone else). */
  awaitRelease(id: bigint): Promise<void>;
  prune(before: Date, batch?: number): Promise<{ count: number }>;
}

/** The two levels an outbox logs at (a pino logger fits). */
export interface OutboxLog {
  debug(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

/** Older unpublished rows the write path publishes before its own; beyond that the relay catches up. */
const WRITE_PATH_CATCH_UP = 100;

/** Rows one relay transaction claims. */
const RELAY_BATCH = 200;

/**
 * The event type of a stream's events: its name without the domain (`dcs.alarm-raised` →
 * `alarm-raised`). One stream carries one kind of event, so the type is the stream's, and the relay
 * needs no list of every domain's streams to publish a row.
 */
export function eventTypeOf(stream: string): string {
  return stream.slice(stream.indexOf('.') + 1);
}

/**
 * A domain's transactional outbox, the one way a domain event that must not be lost reaches its
 * stream:
 * 1. `append(tx, stream, payload)` inside the transaction of the change it announces (repositories);
 * 2. `publishThrough(id, stream)` right after the commit (services): publishes the row, and older
 *    unpublished rows of its stream first, without ever throwing: on failure the row waits;
 * 3. `relay(olderThanMs)` from the workers' `outbox-relay` job: publishes whatever the write path
 *    left (Redis down, process gone between commit and publish).
 *
 * A row is published only while its row lock is held and is marked published in that same
 * transaction, so two publishers (two relays in two processes, or a relay and the write path) never
 * both publish it, and rows go out in id order, which for one aggregate is the order of its changes.
 * Delivery is at-least-once only across a crash between the XADD and the commit of the mark; each
 * event carries its outbox id (`DomainEvent.outboxId`) for consumers that must dedupe.
 */
export class Outbox<Tx = unknown> {
  constructor(
    private readonly store: OutboxStore<Tx>,
    private readonly events: EventBus,
    private readonly log: OutboxLog,
  ) {}

  get name(): string {
    return this.store.name;
  }

  private readonly publishRow: PublishRow = (row) =>
    this.events.publish(row.stream, eventTypeOf(row.stream), row.payload, { outboxId: row.id });

  /** Writes the event in the caller's transaction; returns its outbox id (for `publishThrough`). */
  append<T>(tx: Tx, stream: string, payload: T): Promise<bigint> {
    return this.store.append(tx, stream, payload);
  }

  /**
   * After the commit: publishes row `id` (older unpublished rows of its stream first). Returns its
   * event id, or null when it is left to the relay (Redis down, too many older rows waiting).
   */
  async publishThrough(id: bigint, stream: string): Promise<string | null> {
    try {
      const eventId = await this.store.publishThrough(id, stream, WRITE_PATH_CATCH_UP, this.publishRow);
      if (eventId === null)
        this.log.debug({ outbox: this.name, outboxId: String(id) }, 'event left to the outbox relay');
      return eventId;
    } catch (err) {
      this.log.warn(
        { err, outbox: this.name, outboxId: String(id) },
        'event not published yet; the outbox relay will retry',
      );
      return null;
    }
  }

  /**
   * Publishes the rows left unpublished for longer than `olderThanMs`, oldest first; returns how
   * many. Throws the publish failure (Redis down) after marking what went out before it.
   */
  async relay(olderThanMs: number): Promise<number> {
    let relayed = 0;
    for (;;) {
      const batch = await this.store.relayBatch(
        new Date(Date.now() - olderThanMs),
        RELAY_BATCH,
        this.publishRow,
      );
      relayed += batch.published;
      if (batch.failed !== undefined) throw batch.failed;
      // Another publisher holds an older row: wait until it is done, then go on from the oldest
      // row left. Stopping there instead lets two relays each leave the rest to the other.
      if (batch.heldBy !== undefined) {
        await this.store.awaitRelease(batch.heldBy);
        continue;
      }
      if (!batch.full) return relayed;
    }
  }

  /** Deletes rows published before `before` (never an unpublished one); returns how many. */
  async prune(before: Date, batch?: number): Promise<number> {
    return (await this.store.prune(before, batch)).count;
  }
}
