import { setImmediate as turn } from 'node:timers/promises';
import type { createClient } from 'redis';
import type { DomainEvent } from './domain-event.js';
import type { EventQueue } from './event-queue.js';
import { expandEntry, streamEntries, unavailable, type RawEntry } from './redis-replies.js';

type Redis = ReturnType<typeof createClient>;

const BLOCK_MS = 2000;
/** Events pushed to the subscribers between two turns of the event loop (an XREAD of single events). */
const FAN_OUT_SLICE = 500;

/**
 * One blocking XREAD loop on one stream, fanning each event out to this process's subscribers of it;
 * stops when its last subscriber leaves or Redis fails them all.
 */
export class StreamReader {
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

  /**
   * Starts the blocking read loop; resolves once the starting point is fixed. Fails after `timeoutMs`
   * (a client's connect() retries for ever while Redis is down).
   */
  async start(timeoutMs: number): Promise<void> {
    const client = this.base.duplicate();
    this.client = client;
    client.on('error', () => undefined);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('stream reader: Redis did not answer')), timeoutMs);
    });
    try {
      const newest = async (): Promise<RawEntry[]> => {
        await client.connect();
        return (await client.sendCommand(['XREVRANGE', this.key, '+', '-', 'COUNT', '1'])) as RawEntry[];
      };
      const last = await Promise.race([newest(), deadline]);
      this.lastId = last[0]?.[0] ?? '0-0';
    } catch (error) {
      this.client = undefined;
      client.destroy();
      throw error;
    } finally {
      clearTimeout(timer);
    }
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
        let burst = 0;
        for (const entries of streamEntries(reply)) {
          for (const entry of entries) {
            // A packed entry fans out as its events; the read resumes after the whole entry.
            this.lastId = entry[0];
            const events = expandEntry(entry);
            for (const event of events) for (const l of this.listeners) l.push(event);
            // 500 packed entries are 50,000 events: pushed in one go they would overrun a subscriber's
            // bufferLimit (10,000) before it could pull any, so its pulls get a turn every FAN_OUT_SLICE.
            burst += events.length;
            if (burst >= FAN_OUT_SLICE) {
              burst = 0;
              await turn();
              if (this.stopped) return;
            }
          }
        }
      } catch (error) {
        if (this.stopped) return;
        const failure = unavailable(error);
        for (const l of this.listeners) l.fail(failure);
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
