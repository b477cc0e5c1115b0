import type { Logger } from '@opshub/config';
import type { EventBus } from '@opshub/events';
import type { OutboxRepository, OutboxRow } from './outbox.repository.js';

const EVENT_TYPE = 'transition';

/** Older unpublished rows the write path publishes before its own; beyond that the relay catches up. */
const WRITE_PATH_CATCH_UP = 100;

/**
 * Publishes committed events to Redis. The write path publishes right after its commit; the
 * relay (a scheduled worker job) republishes whatever that missed, e.g. while Redis was down.
 *
 * Delivery is at-least-once: both paths publish a row only while holding its lock, so they never
 * publish it twice between them, but a crash between the XADD and the commit of `published_at`
 * publishes it again later. Each event carries its outbox id (`DomainEvent.outboxId`; the
 * transition id in the payload is unique too) so a consumer can drop the duplicate. Rows are
 * published in id order, so the transitions of one OUS arrive in the order they were made.
 */
export class OutboxService {
  constructor(
    private readonly outbox: OutboxRepository,
    private readonly events: EventBus,
    private readonly log: Logger,
  ) {}

  private readonly publishRow = (row: OutboxRow): Promise<string> =>
    this.events.publish(row.stream, EVENT_TYPE, row.payload, { outboxId: row.id });

  /** Publishes the row (and older unpublished ones first); null when it is left to the relay. */
  async publish(id: bigint, stream: string, _payload?: unknown): Promise<string | null> {
    try {
      const eventId = await this.outbox.publishThrough(id, stream, WRITE_PATH_CATCH_UP, this.publishRow);
      if (eventId === null) this.log.debug({ outboxId: String(id) }, 'event left to the outbox relay');
      return eventId;
    } catch (error) {
      this.log.warn(
        { err: error, outboxId: String(id) },
        'event not published yet; the outbox relay will retry',
      );
      return null;
    }
  }

  /** Relays rows left unpublished for longer than `olderThanMs`; returns how many. */
  async relay(olderThanMs: number): Promise<number> {
    let relayed = 0;
    for (;;) {
      const batch = await this.outbox.relayBatch(new Date(Date.now() - olderThanMs), 200, this.publishRow);
      relayed += batch.published;
      if (batch.failed !== undefined) throw batch.failed;
      if (!batch.full) return relayed;
    }
  }

  prune(olderThanHours: number): Promise<{ count: number }> {
    return this.outbox.prune(new Date(Date.now() - olderThanHours * 3600_000));
  }
}
