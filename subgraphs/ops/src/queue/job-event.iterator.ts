/**
 * An async iterator fed by pushes (BullMQ event listeners), for a GraphQL subscription. A slow
 * subscriber keeps at most `limit` events: the oldest are dropped rather than growing without bound.
 * `return()` (the client left) runs `onClose` once.
 */
export class PushIterator<T> implements AsyncIterableIterator<T> {
  private readonly buffer: T[] = [];
  private readonly waiting: ((result: IteratorResult<T>) => void)[] = [];
  private done = false;
  private onClose: () => Promise<void> = async () => undefined;

  constructor(private readonly limit = 1000) {}

  /** What to release when the subscriber leaves (set once the sources are attached). */
  closeWith(onClose: () => Promise<void>): void {
    this.onClose = onClose;
  }

  push(value: T): void {
    if (this.done) return;
    const resolve = this.waiting.shift();
    if (resolve) {
      resolve({ value, done: false });
      return;
    }
    this.buffer.push(value);
    if (this.buffer.length > this.limit) this.buffer.shift();
  }

  next(): Promise<IteratorResult<T>> {
    if (this.buffer.length > 0) return Promise.resolve({ value: this.buffer.shift() as T, done: false });
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  async return(): Promise<IteratorResult<T>> {
    if (!this.done) {
      this.done = true;
      this.buffer.length = 0;
      for (const resolve of this.waiting.splice(0)) resolve({ value: undefined, done: true });
      await this.onClose();
    }
    return { value: undefined, done: true };
  }

  async throw(error: unknown): Promise<IteratorResult<T>> {
    await this.return();
    throw error;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
