/**
 * A push-to-pull queue that graphql-ws iterates. Not an async generator on purpose: a generator
 * that is awaiting upstream cannot be `return()`ed until its next yield, so a client that leaves
 * before any event would keep the upstream subscription open. `return()` here ends at once.
 */
export class Channel<T> implements AsyncIterableIterator<T> {
  private readonly queue: T[] = [];
  private waiting: ((result: IteratorResult<T>) => void) | undefined;
  private ended = false;
  private closed = false;

  /** `onClose` runs exactly once: when the consumer returns early or after the last item is pulled. */
  constructor(private readonly onClose: () => void) {}

  /** Items pushed and not yet pulled: what a slow consumer makes grow (bounded by the caller). */
  get size(): number {
    return this.queue.length;
  }

  push(value: T): void {
    if (this.ended) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = undefined;
      resolve({ value, done: false });
    } else {
      this.queue.push(value);
    }
  }

  /** No more items; the consumer still receives the ones already queued. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    if (this.waiting && this.queue.length === 0) this.finish();
  }

  get isEnded(): boolean {
    return this.ended;
  }

  next(): Promise<IteratorResult<T>> {
    if (this.queue.length > 0) return Promise.resolve({ value: this.queue.shift()!, done: false });
    if (this.ended) {
      this.finish();
      return Promise.resolve({ value: undefined, done: true });
    }
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  return(): Promise<IteratorResult<T>> {
    this.ended = true;
    this.queue.length = 0;
    this.finish();
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(): Promise<IteratorResult<T>> {
    return this.return();
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private finish(): void {
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = undefined;
      resolve({ value: undefined, done: true });
    }
    if (this.closed) return;
    this.closed = true;
    this.onClose();
  }
}
