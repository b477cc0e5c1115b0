export type { DomainEvent, PublishOptions, SubscribeOptions } from './domain-event.js';
export { DEFAULT_REPLAY_MAX_AGE_MS, EventBus } from './event-bus.js';
export type { EventBusOptions } from './event-bus.js';
export { EventQueue } from './event-queue.js';
export type { EventQueueOptions } from './event-queue.js';
export { eventTypeOf, Outbox } from './outbox.js';
export type { OutboxLog, OutboxRow, OutboxStore, PublishRow } from './outbox.js';
export { compareStreamIds, isStreamId } from './stream-id.js';
