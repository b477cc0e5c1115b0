import type { AuditRepository, AuditRow } from './audit.repository.js';

export interface AuditTailOptions {
  /** How often the log is read while someone listens (default 500 ms). */
  intervalMs?: number;
  /**
   * How long an id skipped over is waited for (default 10 s). Ids come from a sequence taken at insert,
   * so a transaction can commit id 11 before another commits id 10; a skipped id is read again until it
   * shows up or this passes (a rolled-back insert never shows up).
   */
  gapWaitMs?: number;
  /** Rows read per round (default 500; more are read on the next round at once). */
  batch?: number;
  /**
   * Rounds failed in a row before the listeners are told (`Listener.failed`) and dropped (default 10,
   * ≈ 5 s): until then a round that fails is retried from the same place.
   */
  failuresAllowed?: number;
}

interface Listener {
  entry(row: AuditRow): void;
  /** The log could not be read for a while: the listener is dropped. */
  failed(error: unknown): void;
}

/**
 * Follows `ops.audit_entry` for live feeds, whoever writes it: this subgraph, the alerts subgraph,
 * the workers, the CLI. One reader per process however many subscribers; it runs only while one
 * listens, starting from the newest entry when the first arrives.
 */
export class AuditTail {
  private readonly listeners = new Set<Listener>();
  private readonly missing = new Map<bigint, number>();
  private cursor: bigint | undefined;
  private starting: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly intervalMs: number;
  private readonly gapWaitMs: number;
  private readonly batch: number;
  private readonly failuresAllowed: number;
  private failures = 0;

  constructor(
    private readonly repo: AuditRepository,
    options: AuditTailOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? 500;
    this.gapWaitMs = options.gapWaitMs ?? 10_000;
    this.batch = options.batch ?? 500;
    this.failuresAllowed = options.failuresAllowed ?? 10;
  }

  /** Adds a listener; resolves once entries written from then on will reach it. Returns its removal. */
  async listen(listener: Listener): Promise<() => void> {
    this.listeners.add(listener);
    if (this.cursor === undefined) {
      this.starting ??= this.repo.lastId().then(
        (id) => {
          this.starting = undefined;
          this.cursor = id;
          this.schedule(0);
        },
        (error: unknown) => {
          this.starting = undefined;
          throw error;
        },
      );
      try {
        await this.starting;
      } catch (error) {
        this.listeners.delete(listener);
        throw error;
      }
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stop();
    };
  }

  private stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.cursor = undefined;
    this.missing.clear();
    this.failures = 0;
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.round(), delayMs);
    this.timer.unref();
  }

  private async round(): Promise<void> {
    const from = this.cursor;
    if (from === undefined) return;
    if (this.listeners.size === 0) return this.stop();
    let full = false;
    try {
      const rows = await this.repo.since(from, [...this.missing.keys()], this.batch);
      if (this.cursor !== from) return; // stopped (and maybe restarted) while reading
      full = rows.length === this.batch;
      this.failures = 0;
      this.take(rows, from);
    } catch (error) {
      if (++this.failures >= this.failuresAllowed) {
        const dropped = [...this.listeners];
        this.listeners.clear();
        this.stop();
        for (const listener of dropped) listener.failed(error);
        return;
      }
    }
    if (this.cursor !== undefined) this.schedule(full ? 0 : this.intervalMs);
  }

  private take(rows: AuditRow[], from: bigint): void {
    const now = Date.now();
    let cursor = from;
    for (const row of rows) {
      if (this.missing.delete(row.id)) {
        this.emit(row);
        continue;
      }
      if (row.id <= cursor) continue;
      for (let id = cursor + 1n; id < row.id && this.missing.size < 10_000; id++) this.missing.set(id, now);
      cursor = row.id;
      this.emit(row);
    }
    this.cursor = cursor;
    for (const [id, noticed] of this.missing) if (now - noticed > this.gapWaitMs) this.missing.delete(id);
  }

  private emit(row: AuditRow): void {
    for (const listener of this.listeners) listener.entry(row);
  }
}
