import { SerialPort } from 'serialport';

/** Port settings of a chiller line (device config `serial`): default 4800 7E1 with RTS/CTS. */
export interface SerialSettings {
  path: string;
  baudRate: number;
  dataBits: 5 | 6 | 7 | 8;
  parity: 'none' | 'even' | 'odd';
  stopBits: 1 | 2;
  rtscts: boolean;
}

export interface LineTiming {
  /** The Julabo needs ~250 ms between commands: the line must be quiet that long before a write. */
  gapMs: number;
  /** How long to wait for an answer (and for an open, a write, a quiet line) before calling the line dead. */
  timeoutMs: number;
  /** The longest answer line, bytes (default 256; the longest Julabo answer, VERSION, is ~30). */
  maxLineBytes?: number;
}

/** After a stray line the line must be quiet at least this long (or the gap, if longer) before the next write. */
const RESYNC_QUIET_MS = 50;
const DEFAULT_MAX_LINE_BYTES = 256;

/** A command as error messages show it (they end up in alarm messages): at most 40 characters. */
const shown = (command: string): string => (command.length > 40 ? `${command.slice(0, 40)}…` : command);

export class LineTimeoutError extends Error {
  constructor(command: string, path: string, timeoutMs: number) {
    super(`no answer to ${shown(command)} on ${path} within ${timeoutMs} ms`);
    this.name = 'LineTimeoutError';
  }
}

/** Bytes kept arriving: the line never went quiet long enough to send a command. */
export class LineNoiseError extends Error {
  constructor(path: string, timeoutMs: number) {
    super(`${path} never went quiet within ${timeoutMs} ms (line noise)`);
    this.name = 'LineNoiseError';
  }
}

/** An answer longer than the longest line the chiller sends: noise, or a wrong baud rate. */
export class LineOverflowError extends Error {
  constructor(command: string, path: string, maxBytes: number) {
    super(`answer to ${shown(command)} on ${path} exceeds ${maxBytes} bytes without CRLF`);
    this.name = 'LineOverflowError';
  }
}

export interface LineStats {
  /** Complete lines that arrived with no command waiting for them (discarded). */
  strays: number;
  /** Lines longer than the maximum (discarded). */
  overflows: number;
  /** Bytes of partial lines thrown away by resynchronisation or while a command was being written. */
  discardedBytes: number;
  /** Times the line was resynchronised before a write. */
  resyncs: number;
  /** The most bytes the line parser ever held. */
  peakBuffered: number;
}

const CR = 0x0d;
const CRLF = Buffer.from('\r\n', 'latin1');

/**
 * Splits the byte stream into `\r\n`-terminated lines, holding at most `maxBytes` of an unfinished
 * line: a longer one is reported once as an overflow and skipped up to its CRLF, so bytes without a
 * CRLF can never grow memory.
 */
export class CappedLineSplitter {
  private pending: Buffer = Buffer.alloc(0);
  private skipping = false;
  peak = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly onLine: (line: string) => void,
    private readonly onOverflow: () => void,
  ) {}

  /** Bytes of the unfinished line held now. */
  get buffered(): number {
    return this.pending.length;
  }

  push(chunk: Buffer): void {
    const data = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk;
    let start = 0;
    for (;;) {
      const end = data.indexOf(CRLF, start);
      if (end < 0) break;
      if (this.skipping) this.skipping = false;
      else if (end - start > this.maxBytes) this.onOverflow();
      else this.onLine(data.toString('latin1', start, end));
      start = end + 2;
    }
    const rest = data.subarray(start);
    if (!this.skipping && rest.length > this.maxBytes) {
      this.skipping = true;
      this.onOverflow();
    }
    if (this.skipping) {
      // Keep only a trailing CR: it may be the first half of the CRLF that ends the skipped line.
      this.pending = rest.length > 0 && rest[rest.length - 1] === CR ? Buffer.from([CR]) : Buffer.alloc(0);
    } else {
      // A copy: never keep a whole read chunk alive for a few bytes of it.
      this.pending = Buffer.from(rest);
    }
    this.peak = Math.max(this.peak, this.pending.length);
  }

  /** Throws away the unfinished line; returns how many bytes that was. */
  discard(): number {
    const n = this.pending.length;
    this.pending = Buffer.alloc(0);
    this.skipping = false;
    return n;
  }
}

interface Waiter {
  command: string;
  resolve: (line: string) => void;
  reject: (e: Error) => void;
}

/** Runs `start` and fails with `error()` after `ms`; `abandon` gets the result if it comes later. */
function withTimeout<T>(
  ms: number,
  error: () => Error,
  start: (done: (e: Error | null | undefined, value?: T) => void) => void,
  abandon?: (value: T | undefined, e: Error | null | undefined) => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => {
      settled = true;
      reject(error());
    }, ms);
    start((e, value) => {
      if (settled) return abandon?.(value, e);
      settled = true;
      clearTimeout(timer);
      if (e) reject(e);
      else resolve(value as T);
    });
  });
}

/**
 * One serial line to one chiller: one command at a time, each answer matched to its command.
 *
 * - A write waits until the line has been quiet for the command gap (bytes in or out restart it).
 * - The answer waiter is armed only after the write has completed; a partial line received before or
 *   while writing is thrown away, and a complete line that arrives while no command waits (a stray:
 *   noise, an echo, a second answer) is discarded and marks the line for resynchronisation.
 * - Resynchronisation, before the next write: wait until the line has been quiet for max(gap, 50 ms),
 *   then throw away any partial line. A line that does not go quiet within the timeout is noise:
 *   the command fails and the port is closed, to be reopened (and resynchronised) at its next use.
 * - Lines are capped at `maxLineBytes`: a longer answer fails its command, a longer stray is skipped.
 * - Every open, write, answer and close has a timeout; any failure closes the port, so a late answer
 *   can never be read as the reply to the next command.
 */
export class JulaboLine {
  private port: SerialPort | undefined;
  private splitter: CappedLineSplitter | undefined;
  private waiting: Waiter | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  /** Last byte written or received (ms). */
  private lastActivity = 0;
  /** A stray or overflow was seen since the last write: resynchronise before the next one. */
  private dirty = true;
  private readonly maxLineBytes: number;
  readonly stats: LineStats = { strays: 0, overflows: 0, discardedBytes: 0, resyncs: 0, peakBuffered: 0 };
  /** True until the first successful exchange after an open (the driver reads VERSION then). */
  fresh = true;

  constructor(
    readonly settings: SerialSettings,
    private readonly timing: LineTiming,
  ) {
    this.maxLineBytes = timing.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  }

  get isOpen(): boolean {
    return this.port?.isOpen ?? false;
  }

  /** Runs `fn` with the line to itself (a poll or a command is several exchanges). */
  exclusive<T>(fn: (line: JulaboLine) => Promise<T>): Promise<T> {
    const run = this.queue.then(() => fn(this));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private open(): Promise<void> {
    if (this.port?.isOpen) return Promise.resolve();
    const { path, baudRate, dataBits, parity, stopBits, rtscts } = this.settings;
    // The settings are applied at open; never port.set() (a pty cannot set RTS: "Inappropriate ioctl").
    const port = new SerialPort({
      path,
      baudRate,
      dataBits,
      parity,
      stopBits,
      rtscts,
      autoOpen: false,
      lock: false,
    });
    return withTimeout<void>(
      this.timing.timeoutMs,
      () => new Error(`cannot open ${path} within ${this.timing.timeoutMs} ms`),
      (done) => port.open((err) => done(err ? new Error(`cannot open ${path}: ${err.message}`) : null)),
      (_, err) => {
        if (!err) port.close(() => undefined);
      },
    ).then(() => {
      const splitter = new CappedLineSplitter(
        this.maxLineBytes,
        (line) => this.received(line),
        () => this.overflowed(),
      );
      this.port = port;
      this.splitter = splitter;
      this.fresh = true;
      // Whatever waited in the OS buffer belongs to nobody: resynchronise before the first command.
      this.dirty = true;
      this.lastActivity = Date.now();
      port.on('data', (chunk: Buffer) => {
        if (this.port !== port) return;
        this.lastActivity = Date.now();
        splitter.push(chunk);
        this.stats.peakBuffered = Math.max(this.stats.peakBuffered, splitter.peak);
      });
      // Events of a port already replaced (closed after a fault) must not touch the new one.
      port.on('close', () => {
        if (this.port === port) this.lost(new Error(`${path} closed`));
      });
      port.on('error', (e) => {
        if (this.port === port) this.lost(e);
      });
    });
  }

  private received(line: string): void {
    const w = this.waiting;
    if (w) {
      this.waiting = undefined;
      w.resolve(line);
      return;
    }
    this.stats.strays++;
    this.dirty = true;
  }

  private overflowed(): void {
    this.stats.overflows++;
    const w = this.waiting;
    this.waiting = undefined;
    if (w) w.reject(new LineOverflowError(w.command, this.settings.path, this.maxLineBytes));
    else this.dirty = true;
  }

  private lost(error: Error): void {
    this.port = undefined;
    this.splitter = undefined;
    const w = this.waiting;
    this.waiting = undefined;
    w?.reject(error);
  }

  /** Waits for the command gap (longer after a stray) and drops any partial line: see the class comment. */
  private async settle(): Promise<void> {
    const deadline = Date.now() + this.timing.timeoutMs;
    for (;;) {
      const quietMs = this.dirty ? Math.max(this.timing.gapMs, RESYNC_QUIET_MS) : this.timing.gapMs;
      const left = this.lastActivity + quietMs - Date.now();
      if (left <= 0) break;
      if (Date.now() >= deadline) throw new LineNoiseError(this.settings.path, this.timing.timeoutMs);
      await new Promise((r) => setTimeout(r, Math.min(left, Math.max(1, deadline - Date.now()))));
    }
    const splitter = this.splitter;
    if (!splitter) throw new Error(`${this.settings.path} is closed`);
    if (this.dirty || splitter.buffered > 0) {
      this.stats.resyncs++;
      this.stats.discardedBytes += splitter.discard();
      this.dirty = false;
    }
  }

  private async send(command: string): Promise<void> {
    await this.open();
    await this.settle();
    const port = this.port;
    if (!port) throw new Error(`${this.settings.path} is closed`);
    this.lastActivity = Date.now();
    await withTimeout<void>(
      this.timing.timeoutMs,
      () =>
        new Error(
          `writing ${shown(command)} to ${this.settings.path} did not complete within ${this.timing.timeoutMs} ms`,
        ),
      (done) => port.write(`${command}\r`, (e) => done(e)),
    );
    this.lastActivity = Date.now();
    // Nothing that arrived before the command was on the wire can be its answer.
    if (this.splitter) this.stats.discardedBytes += this.splitter.discard();
  }

  /** A write the chiller does not answer (OUT_*). */
  async write(command: string): Promise<void> {
    try {
      await this.send(command);
    } catch (error) {
      await this.close();
      throw error;
    }
  }

  /** A read: sends `command`, returns the first complete line that arrives after the write completed. */
  async ask(command: string): Promise<string> {
    try {
      await this.send(command);
      return await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => {
          this.waiting = undefined;
          reject(new LineTimeoutError(command, this.settings.path, this.timing.timeoutMs));
        }, this.timing.timeoutMs);
        this.waiting = {
          command,
          resolve: (line) => {
            clearTimeout(timer);
            resolve(line);
          },
          reject: (e) => {
            clearTimeout(timer);
            reject(e);
          },
        };
      });
    } catch (error) {
      this.waiting = undefined;
      await this.close();
      throw error;
    }
  }

  async close(): Promise<void> {
    const port = this.port;
    this.port = undefined;
    this.splitter = undefined;
    if (!port?.isOpen) return;
    // A close stuck in the driver must not hold the line: the port is dropped either way.
    await withTimeout<void>(
      this.timing.timeoutMs,
      () => new Error('close timed out'),
      (done) => port.close(() => done(null)),
    ).catch(() => undefined);
  }
}
