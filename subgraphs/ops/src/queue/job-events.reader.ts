import { bullPrefix, createBullConnection, type QueueName } from '@opshub/jobs';
import { QueueEvents, type Queue as BullQueue } from 'bullmq';
import type { Redis } from 'ioredis';
import { EVENTS, toJobEvent, type EventArgs } from './job-event.mapper.js';
import type { JobEvent } from './job-event.type.js';

export type JobEventListener = (event: JobEvent) => void;

interface EventsEntry {
  listeners: Set<JobEventListener>;
  opened: Promise<QueueEvents>;
}

/**
 * The job event streams of BullMQ's queues: one QueueEvents reader per queue, shared by every
 * listener, on a blocking connection of its own (opened on the first listener).
 */
export class JobEventsReader {
  private blockingConnection: Redis | undefined;
  private readonly events = new Map<QueueName, EventsEntry>();

  constructor(
    private readonly redisUrl: string,
    private readonly redisPrefix: string,
    /** Fail-fast connection for the one read of the stream's end. */
    private readonly connection: Redis,
    private readonly queue: (name: QueueName) => BullQueue,
  ) {}

  private get blocking(): Redis {
    this.blockingConnection ??= createBullConnection(this.redisUrl);
    return this.blockingConnection;
  }

  /**
   * Calls `listener` for every job event of the queue from now on. The queue's reader is closed when
   * the last listener leaves. Resolves once reading has started from the stream's current end, so no
   * event after the call is missed.
   */
  async listen(name: QueueName, listener: JobEventListener): Promise<() => Promise<void>> {
    let entry = this.events.get(name);
    if (!entry) {
      const listeners = new Set<JobEventListener>();
      entry = { listeners, opened: this.open(name, listeners) };
      this.events.set(name, entry);
      // A reader that failed to open must not stay cached for the next subscriber.
      entry.opened.catch(() => this.events.delete(name));
    }
    entry.listeners.add(listener);
    await entry.opened;
    return async () => {
      const current = this.events.get(name);
      if (!current || !current.listeners.delete(listener) || current.listeners.size > 0) return;
      this.events.delete(name);
      await (await current.opened).close();
    };
  }

  private async open(name: QueueName, listeners: Set<JobEventListener>): Promise<QueueEvents> {
    const eventsKey = this.queue(name).keys['events'];
    if (!eventsKey) throw new Error(`BullMQ has no events key for queue ${name}`);
    // Start after the stream's current last entry: events between this call and the first blocking
    // read are then delivered too (the default '$' would skip them).
    const last = await this.connection.xrevrange(eventsKey, '+', '-', 'COUNT', 1);
    const events = new QueueEvents(name, {
      connection: this.blocking,
      prefix: bullPrefix(this.redisPrefix),
      lastEventId: last[0]?.[0] ?? '0',
    });
    // Connection errors are retried by ioredis; the reader resumes from its last id by itself.
    events.on('error', () => undefined);
    for (const bullEvent of Object.keys(EVENTS)) {
      events.on(bullEvent as 'added', (args: EventArgs, streamId: string) => {
        const event = toJobEvent(name, bullEvent, args, streamId);
        if (event) for (const listener of listeners) listener(event);
      });
    }
    await events.waitUntilReady();
    return events;
  }

  async close(): Promise<void> {
    const entries = [...this.events.values()];
    this.events.clear();
    await Promise.all(entries.map((e) => e.opened.then((events) => events.close()).catch(() => undefined)));
    await this.blockingConnection?.quit().catch(() => undefined);
  }
}
