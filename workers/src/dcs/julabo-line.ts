import { ReadlineParser } from '@serialport/parser-readline';
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
  /** The Julabo needs ~250 ms between commands. */
  gapMs: number;
  /** How long to wait for an answer before calling the line dead. */
  timeoutMs: number;
}

export class LineTimeoutError extends Error {
  constructor(command: string, path: string, timeoutMs: number) {
    super(`no answer to ${command} on ${path} within ${timeoutMs} ms`);
    this.name = 'LineTimeoutError';
  }
}

/**
 * One serial line to one chiller: one command at a time, spaced by `gapMs`, each answer awaited
 * with a timeout. Any failure closes the port, so a late answer can never be read as the reply to
 * the next command; the next use opens it again (that is how a replugged cable recovers).
 */
export class JulaboLine {
  private port: SerialPort | undefined;
  private waiting: { resolve: (line: string) => void; reject: (e: Error) => void } | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private lastWrite = 0;
  /** True until the first successful exchange after an open (the driver reads VERSION then). */
  fresh = true;

  constructor(
    readonly settings: SerialSettings,
    private readonly timing: LineTiming,
  ) {}

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
    return new Promise((resolve, reject) => {
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
      port.open((err) => {
        if (err) return reject(new Error(`cannot open ${path}: ${err.message}`));
        this.port = port;
        this.fresh = true;
        port.pipe(new ReadlineParser({ delimiter: '\r\n' })).on('data', (line: string) => {
          const w = this.waiting;
          this.waiting = undefined;
          w?.resolve(line);
        });
        // Events of a port already replaced (closed after a fault) must not touch the new one.
        port.on('close', () => {
          if (this.port === port) this.lost(new Error(`${path} closed`));
        });
        port.on('error', (e) => {
          if (this.port === port) this.lost(e);
        });
        resolve();
      });
    });
  }

  private lost(error: Error): void {
    this.port = undefined;
    const w = this.waiting;
    this.waiting = undefined;
    w?.reject(error);
  }

  private async send(command: string): Promise<void> {
    await this.open();
    const wait = this.lastWrite + this.timing.gapMs - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const port = this.port;
    if (!port) throw new Error(`${this.settings.path} is closed`);
    await new Promise<void>((resolve, reject) =>
      port.write(`${command}\r`, (e) => (e ? reject(e) : resolve())),
    );
    this.lastWrite = Date.now();
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

  /** A read: sends `command`, returns its answer line. */
  async ask(command: string): Promise<string> {
    try {
      const answer = new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => {
          this.waiting = undefined;
          reject(new LineTimeoutError(command, this.settings.path, this.timing.timeoutMs));
        }, this.timing.timeoutMs);
        this.waiting = {
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
      answer.catch(() => undefined);
      await this.send(command);
      return await answer;
    } catch (error) {
      this.waiting = undefined;
      await this.close();
      throw error;
    }
  }

  async close(): Promise<void> {
    const port = this.port;
    this.port = undefined;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }
}
