import { RateLimitedError } from '@opshub/errors';
import { inProcessArgon2, type Argon2Backend } from './password.process.js';

export interface PasswordHasherOptions {
  /** Hashes computed at once (each takes one libuv thread, of 4 by default). */
  concurrency: number;
  /** Sign-in checks allowed to wait for a slot; beyond that they are refused at once. */
  maxQueue: number;
  /** Hash in a low-priority child process (the subgraph) instead of on this process's threadpool. */
  isolated?: boolean;
}

// argon2id hash of a random string, used only to spend the same time on unknown usernames.
const DUMMY_HASH =
  '$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHRzb21lc2FsdA$2xVdV3bXKc0n8kS0R6Wv9M0S1QJvXo7cqZc8y0xk7eI';

/**
 * argon2 behind a semaphore. argon2 runs on Node's libuv threadpool, which also serves crypto, DNS
 * and file I/O: unbounded, a login flood would take every thread and stall everyone else's
 * requests. With `concurrency` below the pool size the other threads stay free; a sign-in that
 * would wait behind more than `maxQueue` others is refused (RATE_LIMITED) instead of queued.
 * Where the hashing itself runs is the backend's business (see password.process.ts).
 */
export class PasswordHasher {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly options: PasswordHasherOptions,
    private readonly argon2: Argon2Backend = inProcessArgon2,
  ) {}

  /** Hashes a new password; waits for a slot however long the queue (admin actions, not floods). */
  hash(password: string): Promise<string> {
    return this.withSlot(false, () => this.argon2.hash(password));
  }

  close(): Promise<void> {
    return this.argon2.close();
  }

  /** Checks a password against a stored hash (or against a dummy one, when `hash` is null). */
  verify(hash: string | null, password: string): Promise<boolean> {
    return this.withSlot(true, () =>
      this.argon2.verify(hash ?? DUMMY_HASH, password).then(
        (ok) => ok && hash !== null,
        () => false,
      ),
    );
  }

  /** Sign-in checks waiting for a slot now (for tests and metrics). */
  get queued(): number {
    return this.waiting.length;
  }

  private async withSlot<T>(failFast: boolean, work: () => Promise<T>): Promise<T> {
    if (this.running >= this.options.concurrency) {
      if (failFast && this.waiting.length >= this.options.maxQueue)
        throw new RateLimitedError('Too many sign-ins are being checked; try again in a moment', 1);
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running += 1;
    }
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      // The slot passes straight to the next waiter, so `running` stays the same.
      if (next) next();
      else this.running -= 1;
    }
  }
}
