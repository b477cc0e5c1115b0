import { ResumeTooOldError, ServiceUnavailableError } from '@opshub/errors';
import { createClient, ErrorReply } from 'redis';
import type { DomainEvent, PublishOptions, SubscribeOptions } from './domain-event.js';
import { EventQueue } from './event-queue.js';
import { PACK, packedEventIds, packedMaxLen, publishPackedCommand } from './packed-events.js';
import { expandEntry, infoField, unavailable, type RawEntry } from './redis-replies.js';
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

/**
 * Streams are capped so Redis memory stays bounded; ~ keeps XADD O(1). The cap counts entries: a packed XADD
 * (publishMany) caps its stream at packedMaxLen entries, about as many events, so a stream that mixes single
 * and packed entries keeps fewer single ones.
 */
const MAX_LEN = 100_000;
const PACKED_MAX_LEN = packedMaxLen(MAX_LEN);

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
    const args = ['XADD', this.key(stream), 'MAXLEN', '~', String(MAX_LEN), '*', 'type', type];
    args.push('payload', JSON.stringify(payload));
    if (options.outboxId !== undefined) args.push('outbox', String(options.outboxId));
    return (await this.send(args, '; the outbox relay will publish later')) as string;
  }

  /**
   * Appends one event per payload to a stream in one round trip, PACK payloads per stream entry (see
   * packed-events.ts; all or none land); returns their ids in order. Fails as `publish` does when Redis is
   * down or does not answer in time.
   */
  async publishMany<T>(stream: string, type: string, payloads: readonly T[]): Promise<string[]> {
    if (payloads.length === 0) return [];
    const command = publishPackedCommand(this.key(stream), type, payloads, PACKED_MAX_LEN);
    const entryIds = (await this.send(command, '')) as string[];
    return packedEventIds(entryIds, payloads.length);
  }

  /**
   * Sends a publishing command; throws ServiceUnavailableError (SERVICE_UNAVAILABLE) within `publishTimeoutMs`
   * when Redis is down, and at once while the breaker is open.
   */
  private async send(command: string[], advice: string): Promise<unknown> {
    const refusal = (): ServiceUnavailableError =>
      new ServiceUnavailableError('Redis', `the event stream is unavailable${advice}`);
    if (Date.now() < this.breakerOpenUntil || !this.redis.isReady) {
      this.trip();
      throw refusal();
    }
    let timer: NodeJS.Timeout | undefined;
    // A Redis that hangs keeps the socket open: only a deadline of our own ends the wait. The XADD may
    // still land later; its outbox row stays unpublished and is published again (at-least-once).
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('XADD timed out')), this.settings.publishTimeoutMs);
    });
    try {
      const reply = await Promise.race([this.redis.sendCommand(command), deadline]);
      this.breakerOpenUntil = 0;
      return reply;
    } catch (error) {
      if (error instanceof ErrorReply) throw error;
      this.trip();
      throw refusal();
    } finally {
      clearTimeout(timer);
    }
  }

  private trip(): void {
    if (Date.now() >= this.breakerOpenUntil)
      this.breakerOpenUntil = Date.now() + this.settings.breakerCooldownMs;
  }

  /**
   * Events after `after` (exclusive), oldest first: `count` of them, fewer only at the end of the stream.
   * XRANGE counts entries, of 1 to PACK events each, so entries are read until `count` events are gathered:
   * the first read asks for full packs (ceil(count / PACK) entries), a next one for as many events per entry
   * as the largest seen (a stream of single events takes two reads, not count / PACK). Entries are expanded
   * only until `count` events are gathered: at most count + PACK - 1 before the last ones are dropped.
   */
  async range(stream: string, after: string, count = 1000): Promise<DomainEvent[]> {
    const events: DomainEvent[] = [];
    let cursor = after;
    let perEntry = PACK;
    while (events.length < count) {
      const entriesWanted = Math.ceil((count - events.length) / perEntry);
      let entries: RawEntry[];
      try {
        entries = (await this.redis.sendCommand([
          'XRANGE',
          this.key(stream),
          `(${cursor}`,
          '+',
          'COUNT',
          String(entriesWanted),
        ])) as RawEntry[];
      } catch (error) {
        throw unavailable(error);
      }
      perEntry = 1;
      for (const entry of entries) {
        if (events.length >= count) break;
        const expanded = expandEntry(entry);
        perEntry = Math.max(perEntry, expanded.length);
        // Only the first entry can hold events up to `after`: the one a resume point inside a pack falls in.
        if (cursor === after) {
          for (const e of expanded) if (compareStreamIds(e.id, after) > 0) events.push(e);
        } else {
          for (const e of expanded) events.push(e);
        }
        cursor = entry[0];
      }
      if (entries.length < entriesWanted) break;
    }
    if (events.length > count) events.length = count;
    return events;
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
    if (added <= length || !first) return;
    // The oldest kept event is the first of the first entry (packed: its id minus n - 1).
    const oldestKept = expandEntry(first)[0]!.id;
    if (compareStreamIds(after, oldestKept) < 0) {
      throw new ResumeTooOldError(`Events after ${after} are no longer kept: ${advice}`, {
        after,
        oldestKept,
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
