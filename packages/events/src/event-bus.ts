import { createClient } from 'redis';
import { EventQueue } from './event-queue.js';
import { compareStreamIds, isStreamId } from './stream-id.js';

type Redis = ReturnType<typeof createClient>;

/** One domain event as stored in its Redis stream. */
export interface DomainEvent<T = unknown> {
  /** The Redis stream id: pass it back as `after` to resume from here. */
  id: string;
  type: string;
  payload: T;
}

export interface SubscribeOptions {
  /** Resume after this event id (events after it are replayed first). */
  after?: string;
  /** Maximum events buffered for a slow subscriber (default 10,000). */
  bufferLimit?: number;
}

type RawEntry = [string, string[]];
const BLOCK_MS = 2000;

/** Streams are capped so Redis memory stays bounded; ~ keeps XADD O(1). */
const MAX_LEN = 100_000;

class StreamReader {
  private readonly listeners = new Set<EventQueue<DomainEvent>>();
  private lastId = '$';
  private stopped = false;
  private client: Redis | undefined;

  constructor(
    private readonly base: Redis,
    private readonly key: string,
    private readonly onIdle: () => void,
  ) {}

  /** False when this reader already stopped (the caller then asks for a new one). */
  add(queue: EventQueue<DomainEvent>): boolean {
    if (this.stopped) return false;
    this.listeners.add(queue);
    return true;
  }

  remove(queue: EventQueue<DomainEvent>): void {
    this.listeners.delete(queue);
    if (this.listeners.size === 0) void this.stop();
  }

  /** Starts the blocking read loop; resolves once the starting point is fixed. */
  async start(): Promise<void> {
    this.client = this.base.duplicate();
    this.client.on('error', () => undefined);
    await this.client.connect();
    const last = (await this.client.sendCommand([
      'XREVRANGE',
      this.key,
      '+',
      '-',
      'COUNT',
      '1',
    ])) as RawEntry[];
    this.lastId = last[0]?.[0] ?? '0-0';
    void this.loop();
  }

  private async loop(): Promise<void> {
    while (!this.stopped && this.client) {
      try {
        const reply = (await this.client.sendCommand([
          'XREAD',
          'COUNT',
          '500',
          'BLOCK',
          String(BLOCK_MS),
          'STREAMS',
          this.key,
          this.lastId,
        ])) as Record<string, RawEntry[]> | [string, RawEntry[]][] | null;
        for (const entries of streamEntries(reply)) {
          for (const entry of entries) {
            this.lastId = entry[0];
            const event = parseEntry(entry);
            for (const l of this.listeners) l.push(event);
          }
        }
      } catch (error) {
        if (this.stopped) return;
        for (const l of this.listeners) l.fail(error);
        this.listeners.clear();
        await this.stop();
        return;
      }
    }
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.onIdle();
    const client = this.client;
    this.client = undefined;
    // Closing the connection interrupts the blocking XREAD.
    client?.destroy();
  }
}

/** XREAD replies arrive as a map keyed by stream (node-redis 6) or as RESP2 pairs. */
function streamEntries(reply: Record<string, RawEntry[]> | [string, RawEntry[]][] | null): RawEntry[][] {
  if (!reply) return [];
  return Array.isArray(reply) ? reply.map(([, entries]) => entries) : Object.values(reply);
}

function parseEntry([id, fields]: RawEntry): DomainEvent {
  const map: Record<string, string> = {};
  for (let i = 0; i + 1 < fields.length; i += 2) map[fields[i]!] = fields[i + 1]!;
  return { id, type: map['type'] ?? 'unknown', payload: JSON.parse(map['payload'] ?? 'null') };
}

/**
 * Domain events on Redis streams. Each process keeps one blocking reader per stream it
 * serves and fans events out to its local subscribers.
 */
export class EventBus {
  private readonly readers = new Map<string, Promise<StreamReader>>();

  private constructor(
    private readonly redis: Redis,
    readonly prefix: string,
  ) {}

  static async connect(url: string, prefix: string): Promise<EventBus> {
    const bus = EventBus.unconnected(url, prefix);
    await bus.redis.connect();
    return bus;
  }

  /** A bus that has not connected (yet): enough to build a schema and print its SDL. */
  static unconnected(url: string, prefix: string): EventBus {
    const redis: Redis = createClient({ url }) as unknown as Redis;
    redis.on('error', () => undefined);
    return new EventBus(redis, prefix);
  }

  key(stream: string): string {
    return `${this.prefix}:events:${stream}`;
  }

  /** Appends an event; returns its id. */
  async publish<T>(stream: string, type: string, payload: T): Promise<string> {
    return (await this.redis.sendCommand([
      'XADD',
      this.key(stream),
      'MAXLEN',
      '~',
      String(MAX_LEN),
      '*',
      'type',
      type,
      'payload',
      JSON.stringify(payload),
    ])) as string;
  }

  /** Events after `after` (exclusive), oldest first, at most `count`. */
  async range(stream: string, after: string, count = 1000): Promise<DomainEvent[]> {
    const entries = (await this.redis.sendCommand([
      'XRANGE',
      this.key(stream),
      `(${after}`,
      '+',
      'COUNT',
      String(count),
    ])) as RawEntry[];
    return entries.map(parseEntry);
  }

  /**
   * Live events of a stream, as an async iterator; with `after`, the missed events first.
   * The live listener is attached before the backlog is read, and duplicates are skipped,
   * so nothing falls in the gap between the two.
   */
  async subscribe<T = unknown>(
    stream: string,
    options: SubscribeOptions = {},
  ): Promise<AsyncIterableIterator<DomainEvent<T>>> {
    if (options.after !== undefined && !isStreamId(options.after)) {
      throw new TypeError(`Not an event id: ${options.after}`);
    }
    let live: EventQueue<DomainEvent>;
    for (;;) {
      const reader = await this.reader(stream);
      live = new EventQueue<DomainEvent>(options.bufferLimit ?? 10_000, () => reader.remove(live));
      if (reader.add(live)) break;
    }
    if (options.after === undefined) return live as AsyncIterableIterator<DomainEvent<T>>;

    const backlog: DomainEvent[] = [];
    let cursor = options.after;
    for (;;) {
      const page = await this.range(stream, cursor);
      backlog.push(...page);
      if (page.length < 1000) break;
      cursor = page.at(-1)!.id;
    }
    const lastReplayed = backlog.at(-1)?.id ?? options.after;
    async function* replayThenLive(): AsyncGenerator<DomainEvent<T>> {
      try {
        for (const e of backlog) yield e as DomainEvent<T>;
        for await (const e of live) if (compareStreamIds(e.id, lastReplayed) > 0) yield e as DomainEvent<T>;
      } finally {
        await live.return();
      }
    }
    return replayThenLive();
  }

  private reader(stream: string): Promise<StreamReader> {
    let reader = this.readers.get(stream);
    if (!reader) {
      const r = new StreamReader(this.redis, this.key(stream), () => {
        if (this.readers.get(stream) === reader) this.readers.delete(stream);
      });
      reader = r.start().then(() => r);
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
