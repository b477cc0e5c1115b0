import { ResumeTooOldError, ServiceUnavailableError } from '@opshub/errors';
import { createClient, ErrorReply } from 'redis';
import type { DomainEvent, PublishOptions, SubscribeOptions } from './domain-event.js';
import { EventQueue } from './event-queue.js';
import { infoField, parseEntry, unavailable, type RawEntry } from './redis-replies.js';
import { compareStreamIds, isStreamId } from './stream-id.js';
import { StreamReader } from './stream-reader.js';

type Redis = ReturnType<typeof createClient>;

/** Settings of one bus; every field has a default. */
export interface EventBusOptions {
  /**
   * The replay window: a resume point (`after`) older than this is refused with RESUME_TOO_OLD and
   * the client refetches the current state, then subscribes without `after` (default 1 h).
   */
  replayMaxAgeMs?: number;
  /** Events read per XRANGE page while replaying; at most one page is held per subscription (default 500). */
  replayPageSize?: number;
  /** A publish that Redis has not answered within this fails with SERVICE_UNAVAILABLE (default 1 s). */
  publishTimeoutMs?: number;
  /** After a failed publish, publishes fail at once for this long before one is let through (default 1 s). */
  breakerCooldownMs?: number;
}

export const DEFAULT_REPLAY_MAX_AGE_MS = 3_600_000;

/** Streams are capped so Redis memory stays bounded; ~ keeps XADD O(1). */
const MAX_LEN = 100_000;

/**
 * One XADD per payload in one script (KEYS[1]: the stream; ARGV: MAXLEN, type, payloads…), the new ids in
 * order: one command of n arguments to encode and send instead of n commands, and the events land together.
 */
const PUBLISH_MANY = `local ids = {}
for i = 3, #ARGV do
  ids[#ids + 1] = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', 'type', ARGV[2], 'payload', ARGV[i])
end
return ids`;

/**
 * Domain events on Redis streams. Each process keeps one blocking reader per stream it
 * serves and fans events out to its local subscribers.
 *
 * Publishing fails fast when Redis is down: no offline queue, a per-command timeout and a circuit
 * breaker, so a caller (whose data is already committed to an outbox) gets SERVICE_UNAVAILABLE in
 * milliseconds and the outbox relay publishes later.
 */
export class EventBus {
  private readonly readers = new Map<string, Promise<StreamReader>>();
  private readonly settings: Required<EventBusOptions>;
  private breakerOpenUntil = 0;

  private constructor(
    private readonly redis: Redis,
    readonly prefix: string,
    options: EventBusOptions,
  ) {
    this.settings = {
      replayMaxAgeMs: options.replayMaxAgeMs ?? DEFAULT_REPLAY_MAX_AGE_MS,
      replayPageSize: options.replayPageSize ?? 500,
      publishTimeoutMs: options.publishTimeoutMs ?? 1_000,
      breakerCooldownMs: options.breakerCooldownMs ?? 1_000,
    };
  }

  static async connect(url: string, prefix: string, options: EventBusOptions = {}): Promise<EventBus> {
    const bus = EventBus.unconnected(url, prefix, options);
    await bus.redis.connect();
    return bus;
  }

  /** A bus that has not connected (yet): enough to build a schema and print its SDL. */
  static unconnected(url: string, prefix: string, options: EventBusOptions = {}): EventBus {
    // Without the offline queue a command sent while disconnected fails at once instead of waiting.
    const redis: Redis = createClient({ url, disableOfflineQueue: true }) as unknown as Redis;
    redis.on('error', () => undefined);
    return new EventBus(redis, prefix, options);
  }

  key(stream: string): string {
    return `${this.prefix}:events:${stream}`;
  }

  /**
   * Appends an event; returns its id. Throws ServiceUnavailableError (SERVICE_UNAVAILABLE) within
   * `publishTimeoutMs` when Redis is down, and at once while the breaker is open.
   */
  async publish<T>(stream: string, type: string, payload: T, options: PublishOptions = {}): Promise<string> {
    if (Date.now() < this.breakerOpenUntil || !this.redis.isReady) {
      this.trip();
      throw new ServiceUnavailableError(
        'Redis',
        'the event stream is unavailable; the outbox relay will publish later',
      );
    }
    const args = ['XADD', this.key(stream), 'MAXLEN', '~', String(MAX_LEN), '*', 'type', type];
    args.push('payload', JSON.stringify(payload));
    if (options.outboxId !== undefined) args.push('outbox', String(options.outboxId));
    let timer: NodeJS.Timeout | undefined;
    // A Redis that hangs keeps the socket open: only a deadline of our own ends the wait. The XADD may
    // still land later; its outbox row stays unpublished and is published again (at-least-once).
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('XADD timed out')), this.settings.publishTimeoutMs);
    });
    try {
      const id = (await Promise.race([this.redis.sendCommand(args), deadline])) as unknown as string;
      this.breakerOpenUntil = 0;
      return id;
    } catch (error) {
      if (error instanceof ErrorReply) throw error;
      this.trip();
      throw new ServiceUnavailableError(
        'Redis',
        'the event stream is unavailable; the outbox relay will publish later',
      );
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Appends one event per payload to a stream in one round trip (one script of XADDs: all or none land);
   * returns their ids in order. Fails as `publish` does when Redis is down or does not answer in time.
   */
  async publishMany<T>(stream: string, type: string, payloads: readonly T[]): Promise<string[]> {
    if (payloads.length === 0) return [];
    if (Date.now() < this.breakerOpenUntil || !this.redis.isReady) {
      this.trip();
      throw new ServiceUnavailableError('Redis', 'the event stream is unavailable');
    }
    const command = ['EVAL', PUBLISH_MANY, '1', this.key(stream), String(MAX_LEN), type];
    for (const payload of payloads) command.push(JSON.stringify(payload));
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('XADD timed out')), this.settings.publishTimeoutMs);
    });
    try {
      const ids = (await Promise.race([this.redis.sendCommand(command), deadline])) as unknown as string[];
      this.breakerOpenUntil = 0;
      return ids;
    } catch (error) {
      if (error instanceof ErrorReply) throw error;
      this.trip();
      throw new ServiceUnavailableError('Redis', 'the event stream is unavailable');
    } finally {
      clearTimeout(timer);
    }
  }

  private trip(): void {
    if (Date.now() >= this.breakerOpenUntil)
      this.breakerOpenUntil = Date.now() + this.settings.breakerCooldownMs;
  }

  /** Events after `after` (exclusive), oldest first, at most `count`. */
  async range(stream: string, after: string, count = 1000): Promise<DomainEvent[]> {
    let entries: RawEntry[];
    try {
      entries = (await this.redis.sendCommand([
        'XRANGE',
        this.key(stream),
        `(${after}`,
        '+',
        'COUNT',
        String(count),
      ])) as RawEntry[];
    } catch (error) {
      throw unavailable(error);
    }
    return entries.map(parseEntry);
  }

  /**
   * Live events of a stream, as an async iterator; with `after`, the missed events first.
   * The live listener is attached before the backlog is read, and duplicates are skipped,
   * so nothing falls in the gap between the two. The backlog is read page by page as the
   * subscriber pulls, so one replay holds at most one page in memory.
   *
   * Throws ResumeTooOldError (RESUME_TOO_OLD) when `after` is older than the replay window or
   * older than what the capped stream still holds: the client refetches, then subscribes anew.
   */
  async subscribe<T = unknown>(
    stream: string,
    options: SubscribeOptions = {},
  ): Promise<AsyncIterableIterator<DomainEvent<T>>> {
    const after = options.after;
    if (!this.redis.isReady) throw unavailable(new Error('Redis is not connected'));
    if (after !== undefined) {
      if (!isStreamId(after)) throw new TypeError(`Not an event id: ${after}`);
      await this.assertReplayable(stream, after);
    }
    let live: EventQueue<DomainEvent>;
    for (;;) {
      const reader = await this.reader(stream).catch((error: unknown) => {
        throw unavailable(error);
      });
      live = new EventQueue<DomainEvent>(() => reader.remove(live), {
        limit: options.bufferLimit ?? 10_000,
      });
      if (reader.add(live)) break;
    }
    if (after === undefined) return live as AsyncIterableIterator<DomainEvent<T>>;

    const pageSize = this.settings.replayPageSize;
    const range = (cursor: string): Promise<DomainEvent[]> => this.range(stream, cursor, pageSize);
    async function* replayThenLive(): AsyncGenerator<DomainEvent<T>> {
      let lastReplayed = after!;
      try {
        for (;;) {
          const page = await range(lastReplayed);
          for (const e of page) {
            lastReplayed = e.id;
            yield e as DomainEvent<T>;
          }
          if (page.length < pageSize) break;
        }
        for await (const e of live) if (compareStreamIds(e.id, lastReplayed) > 0) yield e as DomainEvent<T>;
      } finally {
        await live.return();
      }
    }
    return replayThenLive();
  }

  private async assertReplayable(stream: string, after: string): Promise<void> {
    const maxAgeMs = this.settings.replayMaxAgeMs;
    const advice = 'refetch the current state, then subscribe without `after`';
    const afterMs = Number(after.split('-')[0]);
    if (Date.now() - afterMs > maxAgeMs) {
      throw new ResumeTooOldError(
        `Resume point ${after} is older than the replay window (${Math.round(maxAgeMs / 1000)} s): ${advice}`,
        { after, maxAgeSeconds: Math.round(maxAgeMs / 1000) },
      );
    }
    let info: unknown;
    try {
      info = await this.redis.sendCommand(['XINFO', 'STREAM', this.key(stream)]);
    } catch (error) {
      if (error instanceof ErrorReply && /no such key/i.test(error.message)) return;
      throw unavailable(error);
    }
    // Entries were trimmed (MAXLEN) and `after` precedes the oldest kept one: some events are gone.
    const added = Number(infoField(info, 'entries-added') ?? 0);
    const length = Number(infoField(info, 'length') ?? 0);
    const first = infoField(info, 'first-entry') as RawEntry | null | undefined;
    if (added > length && first && compareStreamIds(after, first[0]) < 0) {
      throw new ResumeTooOldError(`Events after ${after} are no longer kept: ${advice}`, {
        after,
        oldestKept: first[0],
      });
    }
  }

  private reader(stream: string): Promise<StreamReader> {
    let reader = this.readers.get(stream);
    if (!reader) {
      const r = new StreamReader(this.redis, this.key(stream), () => {
        if (this.readers.get(stream) === reader) this.readers.delete(stream);
      });
      reader = r.start(this.settings.publishTimeoutMs).then(() => r);
      reader.catch(() => this.readers.delete(stream));
      this.readers.set(stream, reader);
    }
    return reader;
  }

  async close(): Promise<void> {
    for (const r of this.readers.values())
      await r.then(
        (x) => x.stop(),
        () => undefined,
      );
    this.readers.clear();
    if (this.redis.isOpen) this.redis.destroy();
  }
}
