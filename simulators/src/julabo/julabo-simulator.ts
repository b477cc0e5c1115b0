import { ReadlineParser } from '@serialport/parser-readline';
import { realpathSync } from 'node:fs';
import { SerialPort } from 'serialport';
import { JulaboModel, type JulaboModelOptions } from './julabo-model.js';

export interface JulaboSimulatorOptions extends JulaboModelOptions {
  /** The chiller's end of the serial line (a pty from `createPtyPair`). */
  path: string;
  /** How often the bath is advanced, ms (default 200). */
  tickMs?: number;
  /** Simulated seconds per real second, to watch slow baths move in tests (default 1). */
  speed?: number;
}

/**
 * The Julabo on a serial line: answers the real ASCII protocol (commands end in `\r`, answers in
 * `\r\n`) from a `JulaboModel`. If its line goes away it keeps trying to reopen it, as a chiller
 * whose cable is plugged back in answers again.
 */
export class JulaboSimulator {
  readonly model: JulaboModel;
  /** When true the chiller stays silent (a dead line without unplugging it). */
  mute = false;
  /** When true every answer is replaced by line noise. */
  garble = false;
  private port: SerialPort | undefined;
  private closed = false;
  private readonly ticker: NodeJS.Timeout;
  private reopenTimer: NodeJS.Timeout | undefined;
  /** The pty the link pointed to when opened: a new cable (a new pty) means reopening. */
  private openedTarget: string | null = null;
  private readonly cableCheck: NodeJS.Timeout;

  private constructor(private readonly options: JulaboSimulatorOptions) {
    this.model = new JulaboModel(options);
    const tick = options.tickMs ?? 200;
    const speed = options.speed ?? 1;
    this.ticker = setInterval(() => this.model.step((tick / 1000) * speed), tick);
    this.cableCheck = setInterval(() => {
      const port = this.port;
      if (port?.isOpen && target(this.options.path) !== this.openedTarget) port.close(() => undefined);
    }, 250);
  }

  static async start(options: JulaboSimulatorOptions): Promise<JulaboSimulator> {
    const sim = new JulaboSimulator(options);
    await sim.open();
    return sim;
  }

  private open(): Promise<void> {
    return new Promise((resolve, reject) => {
      // Baud and parity are those of the real line; a pty ignores them (and port.set() would fail).
      const port = new SerialPort({
        path: this.options.path,
        baudRate: 4800,
        dataBits: 7,
        parity: 'even',
        stopBits: 1,
        rtscts: true,
        lock: false,
        autoOpen: false,
      });
      port.open((err) => {
        if (err) return reject(err);
        this.port = port;
        const lines = port.pipe(new ReadlineParser({ delimiter: '\r' }));
        lines.on('data', (line: string) => this.answer(port, line));
        port.on('close', () => {
          if (this.port === port) this.onLost();
        });
        // A hung-up pty may report EIO without closing: close it so the reopen loop starts.
        port.on('error', () => {
          if (port.isOpen) port.close(() => undefined);
          else if (this.port === port) this.onLost();
        });
        this.openedTarget = target(this.options.path);
        resolve();
      });
    });
  }

  private answer(port: SerialPort, raw: string): void {
    const line = raw.replace(/\n/g, '').trim();
    if (!line || this.mute) return;
    const reply = this.model.handle(line);
    if (reply === null) return;
    port.write(this.garble ? '\u0013#?~\u0007\r\n' : `${reply}\r\n`);
  }

  /** The line went away (cable cut): retry opening it until it is back or we are closed. */
  private onLost(): void {
    this.port = undefined;
    if (this.closed || this.reopenTimer) return;
    const retry = (): void => {
      this.reopenTimer = undefined;
      if (this.closed) return;
      this.open().catch(() => {
        this.reopenTimer = setTimeout(retry, 100);
      });
    };
    this.reopenTimer = setTimeout(retry, 100);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.ticker);
    clearInterval(this.cableCheck);
    clearTimeout(this.reopenTimer);
    const port = this.port;
    this.port = undefined;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }
}

function target(path: string): string | null {
  try {
    return realpathSync(path);
  } catch {
    return null;
  }
}
