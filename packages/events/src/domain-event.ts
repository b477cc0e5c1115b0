/** One domain event as stored in its Redis stream. */
export interface DomainEvent<T = unknown> {
  /** The Redis stream id: pass it back as `after` to resume from here. */
  id: string;
  type: string;
  payload: T;
  /**
   * The outbox row the event was published from, when it came through an outbox. Delivery is
   * at-least-once (a relay may publish a row again after a crash between publish and mark), so a
   * consumer that must not see an event twice dedupes on this, not on `id`.
   */
  outboxId?: string;
}

export interface SubscribeOptions {
  /** Resume after this event id (events after it are replayed first). */
  after?: string;
  /** Maximum events buffered for a slow subscriber (default 10,000). */
  bufferLimit?: number;
}

export interface PublishOptions {
  /** The outbox row this event comes from (carried in the event, see `DomainEvent.outboxId`). */
  outboxId?: bigint | string;
}
