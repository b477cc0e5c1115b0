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
