import type { Redis } from 'ioredis';

/** The outcome of asking a window: allowed, or refused until `retryAfterMs` from now. */
export interface WindowVerdict {
  allowed: boolean;
  retryAfterMs: number;
}

/**
 * A sliding-window counter: at most `limit` events per `windowMs` per key. `take` records an event
 * when allowed; `peek` only asks; `clear` forgets the key.
 */
export interface SlidingWindow {
  take(key: string, limit: number, windowMs: number): Promise<WindowVerdict>;
  peek(key: string, limit: number, windowMs: number): Promise<WindowVerdict>;
  clear(key: string): Promise<void>;
  /** Sets `key` if it is not set yet (with an expiry): true the first time, for "once per window". */
  once(key: string, ttlMs: number): Promise<boolean>;
  /** Adds one to a counter kept for a day; returns the new value. */
  count(key: string): Promise<number>;
}

// One round trip, atomic across every ops process; time from the Redis server so their clocks
// need not agree. Members are unique per call (time + random) so concurrent events all count.
const WINDOW_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local n = redis.call('ZCARD', KEYS[1])
if n >= limit then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return {0, tonumber(oldest[2]) + window - now}
end
if ARGV[3] == '1' then
  redis.call('ZADD', KEYS[1], now, now .. ':' .. ARGV[4])
  redis.call('PEXPIRE', KEYS[1], window)
end
return {1, 0}
`;

/** The window shared by every ops process, in Redis. */
export class RedisSlidingWindow implements SlidingWindow {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  take(key: string, limit: number, windowMs: number): Promise<WindowVerdict> {
    return this.run(key, limit, windowMs, true);
  }

  peek(key: string, limit: number, windowMs: number): Promise<WindowVerdict> {
    return this.run(key, limit, windowMs, false);
  }

  async clear(key: string): Promise<void> {
    await this.redis.del(`${this.prefix}:${key}`);
  }

  async once(key: string, ttlMs: number): Promise<boolean> {
    return (await this.redis.set(`${this.prefix}:${key}`, '1', 'PX', Math.max(1, ttlMs), 'NX')) === 'OK';
  }

  async count(key: string): Promise<number> {
    const k = `${this.prefix}:${key}`;
    const [[, n]] = (await this.redis.multi().incr(k).expire(k, 86_400).exec()) as [[unknown, number]];
    return n;
  }

  private async run(key: string, limit: number, windowMs: number, record: boolean): Promise<WindowVerdict> {
    const [allowed, retryAfterMs] = (await this.redis.eval(
      WINDOW_SCRIPT,
      1,
      `${this.prefix}:${key}`,
      windowMs,
      limit,
      record ? '1' : '0',
      Math.random().toString(36).slice(2),
    )) as [number, number];
    return { allowed: allowed === 1, retryAfterMs: Math.max(0, retryAfterMs) };
  }
}

/** The same window in this process only: without Redis (CLI, tests) or while Redis is unreachable. */
export class MemorySlidingWindow implements SlidingWindow {
  private readonly events = new Map<string, number[]>();
  private readonly flags = new Map<string, number>();
  private readonly counters = new Map<string, number>();

  async take(key: string, limit: number, windowMs: number): Promise<WindowVerdict> {
    return this.run(key, limit, windowMs, true);
  }

  async peek(key: string, limit: number, windowMs: number): Promise<WindowVerdict> {
    return this.run(key, limit, windowMs, false);
  }

  async clear(key: string): Promise<void> {
    this.events.delete(key);
  }

  async once(key: string, ttlMs: number): Promise<boolean> {
    const now = Date.now();
    if ((this.flags.get(key) ?? 0) > now) return false;
    this.flags.set(key, now + ttlMs);
    return true;
  }

  async count(key: string): Promise<number> {
    const n = (this.counters.get(key) ?? 0) + 1;
    this.counters.set(key, n);
    return n;
  }

  private run(key: string, limit: number, windowMs: number, record: boolean): WindowVerdict {
    const now = Date.now();
    const kept = (this.events.get(key) ?? []).filter((at) => at > now - windowMs);
    if (kept.length >= limit) {
      this.events.set(key, kept);
      return { allowed: false, retryAfterMs: kept[0]! + windowMs - now };
    }
    if (record) kept.push(now);
    if (kept.length > 0) this.events.set(key, kept);
    else this.events.delete(key);
    // Bounded: forget the oldest keys rather than grow without end under a flood of usernames.
    if (this.events.size > 10_000) this.events.delete(this.events.keys().next().value as string);
    return { allowed: true, retryAfterMs: 0 };
  }
}

/** Redis first; if a call fails (Redis down or slow), this process's own window answers instead. */
export class FallbackSlidingWindow implements SlidingWindow {
  private readonly local = new MemorySlidingWindow();

  constructor(private readonly primary: SlidingWindow) {}

  take(key: string, limit: number, windowMs: number): Promise<WindowVerdict> {
    return this.primary.take(key, limit, windowMs).catch(() => this.local.take(key, limit, windowMs));
  }

  peek(key: string, limit: number, windowMs: number): Promise<WindowVerdict> {
    return this.primary.peek(key, limit, windowMs).catch(() => this.local.peek(key, limit, windowMs));
  }

  clear(key: string): Promise<void> {
    return Promise.all([this.primary.clear(key).catch(() => undefined), this.local.clear(key)]).then(
      () => undefined,
    );
  }

  once(key: string, ttlMs: number): Promise<boolean> {
    return this.primary.once(key, ttlMs).catch(() => this.local.once(key, ttlMs));
  }

  count(key: string): Promise<number> {
    return this.primary.count(key).catch(() => this.local.count(key));
  }
}
