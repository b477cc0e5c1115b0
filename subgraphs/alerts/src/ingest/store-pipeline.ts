import type { AlertRecord } from './alert-record.js';

/**
 * One chunk stored at a time, in the order given, while the next is decoded; each chunk's announcements
 * follow its commit, in order.
 */
export class StorePipeline {
  private writing: Promise<void> = Promise.resolve();
  private announcing: Promise<void> = Promise.resolve();
  private readonly pending = new Set<ReadonlySet<bigint>>();
  /** A chunk was handed on. */
  started = false;

  /**
   * The objects new to the store that chunks handed on carry and have not committed yet: a chunk prepared now
   * must take them as known (they are stored before its turn). Read it before asking the database which objects
   * are stored: a chunk that commits in between is then in one or the other.
   */
  uncommittedObjects(): ReadonlySet<bigint>[] {
    return [...this.pending];
  }

  /**
   * Waits for the chunk in flight (rejecting if it failed), then starts storing this one. `objects`: the objects
   * new to the store it carries.
   */
  async store(
    objects: ReadonlySet<bigint>,
    write: () => Promise<AlertRecord[]>,
    announce: (stored: AlertRecord[]) => Promise<void>,
    stored: () => void,
  ): Promise<void> {
    this.pending.add(objects);
    this.started = true;
    try {
      await this.writing;
    } catch (error) {
      this.pending.delete(objects);
      throw error;
    }
    this.writing = write()
      .finally(() => this.pending.delete(objects))
      .then((alerts) => {
        this.announcing = this.announcing.then(() => announce(alerts));
        stored();
      });
    // Seen to: a failure is rethrown to whoever waits next (the next chunk, or drain), never unhandled.
    this.writing.catch(() => undefined);
  }

  /** Runs `then` once what is handed on so far is stored. */
  afterStored(then: () => void): void {
    this.writing = this.writing.then(then);
    this.writing.catch(() => undefined);
  }

  /** Waits for every store and announcement; rejects if a store failed. */
  async drain(): Promise<void> {
    await this.writing.finally(() => this.announcing);
  }
}
