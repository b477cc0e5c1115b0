export { DEFAULT_REPLAY_MAX_AGE_MS, EventBus } from './event-bus.js';
export type { DomainEvent, EventBusOptions, PublishOptions, SubscribeOptions } from './event-bus.js';
export { EventQueue } from './event-queue.js';
export { compareStreamIds, isStreamId } from './stream-id.js';
export { STREAMS } from './streams.js';
export type { OusSnapshot, OusStateChangedEvent } from './streams.js';
