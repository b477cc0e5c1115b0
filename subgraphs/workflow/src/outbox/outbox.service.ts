import type { Logger } from '@opshub/config';
import type { EventBus } from '@opshub/events';
import type { OutboxRepository } from './outbox.repository.js';

const EVENT_TYPE = 'transition';

/**
 * Publishes committed events to Redis. The write path publishes right after its commit; the
 * relay (a scheduled worker job) republishes whatever that missed, e.g. while Redis was down.
 */
export class OutboxService {
  constructor(
    private readonly outbox: OutboxRepository,
    private readonly events: EventBus,
    private readonly log: Logger,
  ) {}

  async publish(id: bigint, stream: string, payload: unknown): Promise<string | null> {
    try {
      const eventId = await this.events.publish(stream, EVENT_TYPE, payload);
      await this.outbox.markPublished(id);
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
      const rows = await this.outbox.pending(olderThanMs, 200);
      for (const row of rows) {
        await this.events.publish(row.stream, EVENT_TYPE, row.payload);
        await this.outbox.markPublished(row.id);
        relayed++;
      }
      if (rows.length < 200) return relayed;
    }
  }

  prune(olderThanHours: number): Promise<{ count: number }> {
    return this.outbox.prune(new Date(Date.now() - olderThanHours * 3600_000));
  }
}
