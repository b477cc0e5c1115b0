import type { Queue as BullQueue } from 'bullmq';
import type { Redis } from 'ioredis';
import { JobState } from './job.type.js';

/** Where the jobs of a listable state live, and in which order a page shows them. */
interface StateSet {
  key: string;
  kind: 'list' | 'zset';
  /** zsets only: newest (highest score) first — finished jobs; else soonest first (delayed, prioritized). */
  descending: boolean;
}

const SETS: Partial<Record<JobState, StateSet>> = {
  // Lists are LPUSHed: index 0 is the job added last.
  [JobState.WAITING]: { key: 'wait', kind: 'list', descending: false },
  [JobState.ACTIVE]: { key: 'active', kind: 'list', descending: false },
  [JobState.COMPLETED]: { key: 'completed', kind: 'zset', descending: true },
  [JobState.FAILED]: { key: 'failed', kind: 'zset', descending: true },
  [JobState.DELAYED]: { key: 'delayed', kind: 'zset', descending: false },
  [JobState.PRIORITIZED]: { key: 'prioritized', kind: 'zset', descending: false },
  [JobState.WAITING_CHILDREN]: { key: 'waiting-children', kind: 'zset', descending: false },
};

/** The states whose jobs can be listed (all but UNKNOWN). */
export const LISTABLE_STATES = Object.keys(SETS) as JobState[];

/** Where the previous page ended: its last job and that job's position then. */
export interface ListCursor {
  id: string;
  position: number;
}

export interface ListedId {
  id: string;
  position: number;
}

/** How many job ids of one state a name search reads (newest or soonest first). */
export const SEARCH_WINDOW = 5_000;

/**
 * Job ids of one state, a page at a time. A page resumes after the previous page's last job where
 * that job still is (so jobs added meanwhile at the head do not shift it), or at its old position
 * when it has left the state.
 */
export class JobListReader {
  constructor(private readonly connection: Redis) {}

  private set(queue: BullQueue, state: JobState): { key: string; set: StateSet } {
    const set = SETS[state];
    const key = set ? queue.keys[set.key] : undefined;
    if (!set || !key) throw new Error(`BullMQ keeps no list of ${state} jobs`);
    return { key, set };
  }

  count(queue: BullQueue, state: JobState): Promise<number> {
    const { key, set } = this.set(queue, state);
    return set.kind === 'list' ? this.connection.llen(key) : this.connection.zcard(key);
  }

  private async positionOf(key: string, set: StateSet, id: string): Promise<number | null> {
    if (set.kind === 'list') return this.connection.lpos(key, id);
    return set.descending ? this.connection.zrevrank(key, id) : this.connection.zrank(key, id);
  }

  private range(key: string, set: StateSet, start: number, stop: number): Promise<string[]> {
    if (set.kind === 'list') return this.connection.lrange(key, start, stop);
    return set.descending
      ? this.connection.zrevrange(key, start, stop)
      : this.connection.zrange(key, start, stop);
  }

  /** Up to `take` ids after `after`, in the state's order. */
  async page(queue: BullQueue, state: JobState, take: number, after?: ListCursor): Promise<ListedId[]> {
    const { key, set } = this.set(queue, state);
    let start = 0;
    if (after) {
      const now = await this.positionOf(key, set, after.id);
      start = now === null ? after.position : now + 1;
    }
    const ids = await this.range(key, set, start, start + take - 1);
    return ids.map((id, i) => ({ id, position: start + i }));
  }

  /**
   * Ids among the first SEARCH_WINDOW of the state whose id equals `search` or whose name contains it
   * (case-insensitive), in the state's order, with their positions. A job whose id is `search` is
   * looked up directly, so it is found wherever it stands in the state, beyond the window too.
   */
  async search(queue: BullQueue, state: JobState, search: string): Promise<ListedId[]> {
    const { key, set } = this.set(queue, state);
    const [ids, exact] = await Promise.all([
      this.range(key, set, 0, SEARCH_WINDOW - 1),
      this.positionOf(key, set, search),
    ]);
    const found: ListedId[] = [];
    if (ids.length > 0) {
      const pipeline = this.connection.pipeline();
      for (const id of ids) pipeline.hget(queue.toKey(id), 'name');
      const names = (await pipeline.exec()) ?? [];
      const needle = search.toLowerCase();
      ids.forEach((id, position) => {
        const [error, name] = names[position] ?? [];
        if (error) throw error;
        if (id === search || (typeof name === 'string' && name.toLowerCase().includes(needle))) {
          found.push({ id, position });
        }
      });
    }
    // Beyond the window it comes after every match inside it, which keeps the state's order.
    if (exact !== null && !found.some((f) => f.id === search)) found.push({ id: search, position: exact });
    return found;
  }
}
