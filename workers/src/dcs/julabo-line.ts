import { SerialPort } from 'serialport';
import { LineNoiseError, LineOverflowError, LineTimeoutError, shown } from './julabo-line.errors.js';
import { CappedLineSplitter } from './line-splitter.js';
import { withTimeout } from './with-timeout.js';

export { LineNoiseError, LineOverflowError, LineTimeoutError } from './julabo-line.errors.js';
export { CappedLineSplitter } from './line-splitter.js';

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

interface Waiter {
  command: string;
  resolve: (line: string) => void;
  reject: (e: Error) => void;
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
