/** Bounds of an EventQueue. */
export interface EventQueueOptions {
  /**
   * Items a consumer may fall behind before the queue fails it ("fell more than … behind") rather
   * than let memory grow without bound. Unset: the caller bounds it (it watches `size`).
   */
  limit?: number;
}

/**
 * A push-to-pull queue: a producer pushes, one consumer pulls with `for await` (graphql-ws, a
 * subscribe resolver). Not an async generator on purpose: a generator that is awaiting upstream
 * cannot be `return()`ed until its next yield, so a client that leaves before any event would keep
 * the upstream open. `return()` here ends at once.
 *
 * Three ways to end it, and when `onClose` (the producer lets go) runs — exactly once:
 * - `end()`: no more items; the consumer still receives the queued ones; closes after the last is pulled.
 * - `fail(error)`: closes at once; the consumer receives the queued items, then the error.
 * - `return()` (the consumer leaves): drops the queue, ends a pending `next()`, closes at once.
 */
export class EventQueue<T> implements AsyncIterableIterator<T> {
  private readonly queue: T[] = [];
  private waiting: { resolve: (r: IteratorResult<T>) => void; reject: (e: unknown) => void } | undefined;
  private ended = false;
  private closed = false;
  private failed = false;
  private error: unknown;
  private readonly limit: number;

  constructor(
    private readonly onClose: () => void,
    options: EventQueueOptions = {},
  ) {
    this.limit = options.limit ?? Number.POSITIVE_INFINITY;
  }

  /** Items pushed and not yet pulled: what a slow consumer makes grow. */
  get size(): number {
    return this.queue.length;
  }

  /** Ended by `end()`, `fail()` or `return()`: further pushes are dropped. */
  get isEnded(): boolean {
    return this.ended;
  }

  push(value: T): void {
    if (this.ended) return;
    if (this.waiting) {
      const { resolve } = this.waiting;
      this.waiting = undefined;
      resolve({ value, done: false });
      return;
    }
    if (this.queue.length >= this.limit) {
      this.fail(new Error(`Subscriber fell more than ${this.limit} events behind`));
      return;
    }
    this.queue.push(value);
  }

  /** No more items; the consumer still receives the ones already queued. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    if (this.waiting && this.queue.length === 0) this.finish();
  }

  /** Ends with an error, delivered after the queued items; the producer is let go at once. */
  fail(error: unknown): void {
    if (this.ended) return;
    this.ended = true;
    this.failed = true;
    this.error = error;
    this.close();
    if (this.waiting) {
      const { reject } = this.waiting;
      this.waiting = undefined;
      reject(error);
    }
  }

  next(): Promise<IteratorResult<T>> {
    if (this.queue.length > 0) return Promise.resolve({ value: this.queue.shift()!, done: false });
    if (this.failed) return Promise.reject(this.error);
    if (this.ended) {
      this.finish();
      return Promise.resolve({ value: undefined, done: true });
    }
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
    });
  }

  return(): Promise<IteratorResult<T>> {
    this.ended = true;
    this.failed = false;
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
      const { resolve } = this.waiting;
      this.waiting = undefined;
      resolve({ value: undefined, done: true });
    }
    this.close();
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.onClose();
  }
}
