/**
 * The backup's progress: on a terminal one line rewritten in place (phase, bytes, percent when the total
 * is known); otherwise plain lines, one when a phase starts, at each further tenth and when it ends, so
 * that a log stays short.
 */
export class Progress {
  private phase = '';
  private total: number | undefined;
  private format: (n: number) => string = bytes;
  private done = 0;
  private lastTenth = -1;
  private lastDraw = 0;

  constructor(
    private readonly out: NodeJS.WritableStream & { isTTY?: boolean },
    private readonly label: string,
  ) {}

  /** `format` says what is counted (bytes by default). */
  start(phase: string, total?: number, format: (n: number) => string = bytes): void {
    this.end();
    this.phase = phase;
    this.total = total;
    this.format = format;
    this.done = 0;
    this.lastTenth = 0;
    if (!this.out.isTTY)
      this.out.write(`${this.label}: ${phase}${total ? ` (${this.format(total)})` : ''}\n`);
    else this.draw();
  }

  add(n: number): void {
    this.done += n;
    if (this.out.isTTY) {
      const now = Date.now();
      if (now - this.lastDraw >= 100) this.draw();
      return;
    }
    if (!this.total) return;
    const tenth = Math.floor((this.done / this.total) * 10);
    if (tenth > this.lastTenth && tenth < 10) {
      this.lastTenth = tenth;
      this.out.write(
        `${this.label}: ${this.phase} ${tenth * 10}% (${this.format(this.done)} of ${this.format(this.total)})\n`,
      );
    }
  }

  /** Ends the phase with what it did. */
  end(note?: string): void {
    if (!this.phase) return;
    const summary = `${this.label}: ${this.phase} done, ${note ?? this.format(this.done)}`;
    this.out.write(this.out.isTTY ? `\r\x1b[K${summary}\n` : `${summary}\n`);
    this.phase = '';
  }

  private draw(): void {
    this.lastDraw = Date.now();
    const part = this.total
      ? `${Math.min(100, Math.floor((this.done / this.total) * 100))}% (${this.format(this.done)} of ${this.format(this.total)})`
      : this.format(this.done);
    this.out.write(`\r\x1b[K${this.label}: ${this.phase} ${part}`);
  }
}

/** 1,234,567 → "1.2 MB". */
export function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = n / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}
