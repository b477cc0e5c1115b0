import type { Redis } from 'ioredis';

/** The outcome of asking a window: allowed, or refused until `retryAfterMs` from now. */
export interface WindowVerdict {
  allowed: boolean;
  retryAfterMs: number;
}

/**
 * Counters for rate limits. A sliding window: at most `limit` events per `windowMs` per key; `take`
 * records an event when allowed, `peek` only asks, `clear` forgets the key.
 */
export interface LimitStore {
  take(key: string, limit: number, windowMs: number): Promise<WindowVerdict>;
  /**
   * A token bucket: `capacity` tokens, refilled at `limit` per `windowMs`; takes one when there is
   * one. Same long-run rate as `take`, but a burst is capped at `capacity`, so work spreads out.
   */
  bucket(key: string, capacity: number, limit: number, windowMs: number): Promise<WindowVerdict>;
  peek(key: string, limit: number, windowMs: number): Promise<WindowVerdict>;
  clear(key: string): Promise<void>;
  /**
   * Adds one to the counter `countKey` (kept for a day) and sets the flag `flagKey` for `flagTtlMs`
   * if it is not set: the count, and whether this call set the flag ("first time in this window").
   */
  tally(countKey: string, flagKey: string, flagTtlMs: number): Promise<{ count: number; first: boolean }>;
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

const BUCKET_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local capacity = tonumber(ARGV[1])
local perMs = tonumber(ARGV[2]) / tonumber(ARGV[3])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or capacity
local at = tonumber(state[2]) or now
tokens = math.min(capacity, tokens + math.max(0, now - at) * perMs)
if tokens < 1 then
  return {0, math.ceil((1 - tokens) / perMs)}
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens - 1), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(capacity / perMs))
return {1, 0}
`;

/** The window shared by every ops process, in Redis. */
export class RedisLimitStore implements LimitStore {
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

  async bucket(key: string, capacity: number, limit: number, windowMs: number): Promise<WindowVerdict> {
    const [allowed, retryAfterMs] = (await this.redis.eval(
      BUCKET_SCRIPT,
      1,
      `${this.prefix}:${key}`,
      capacity,
      limit,
      windowMs,
    )) as [number, number];
    return { allowed: allowed === 1, retryAfterMs: Math.max(0, retryAfterMs) };
  }

  async clear(key: string): Promise<void> {
    await this.redis.del(`${this.prefix}:${key}`);
  }

  async tally(
    countKey: string,
    flagKey: string,
    flagTtlMs: number,
  ): Promise<{ count: number; first: boolean }> {
    const c = `${this.prefix}:${countKey}`;
    const [[, count], , [, set]] = (await this.redis
      .multi()
      .incr(c)
      .expire(c, 86_400)
      .set(`${this.prefix}:${flagKey}`, '1', 'PX', Math.max(1, Math.ceil(flagTtlMs)), 'NX')
      .exec()) as [[unknown, number], unknown, [unknown, string | null]];
    return { count, first: set === 'OK' };
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
export class MemoryLimitStore implements LimitStore {
  private readonly events = new Map<string, number[]>();
  private readonly flags = new Map<string, number>();
  private readonly counters = new Map<string, number>();
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  async bucket(key: string, capacity: number, limit: number, windowMs: number): Promise<WindowVerdict> {
    const now = Date.now();
    const perMs = limit / windowMs;
    const state = this.buckets.get(key) ?? { tokens: capacity, at: now };
    const tokens = Math.min(capacity, state.tokens + Math.max(0, now - state.at) * perMs);
    if (tokens < 1) return { allowed: false, retryAfterMs: Math.ceil((1 - tokens) / perMs) };
    this.buckets.delete(key);
    this.buckets.set(key, { tokens: tokens - 1, at: now });
    if (this.buckets.size > 10_000) this.buckets.delete(this.buckets.keys().next().value as string);
    return { allowed: true, retryAfterMs: 0 };
  }

  async take(key: string, limit: number, windowMs: number): Promise<WindowVerdict> {
    return this.run(key, limit, windowMs, true);
  }

  async peek(key: string, limit: number, windowMs: number): Promise<WindowVerdict> {
    return this.run(key, limit, windowMs, false);
  }

  async clear(key: string): Promise<void> {
    this.events.delete(key);
  }

  async tally(
    countKey: string,
    flagKey: string,
    flagTtlMs: number,
  ): Promise<{ count: number; first: boolean }> {
    const count = (this.counters.get(countKey) ?? 0) + 1;
    this.counters.set(countKey, count);
    if (this.counters.size > 10_000) this.counters.delete(this.counters.keys().next().value as string);
    const now = Date.now();
    const first = (this.flags.get(flagKey) ?? 0) <= now;
    if (first) this.flags.set(flagKey, now + flagTtlMs);
    if (this.flags.size > 10_000) this.flags.delete(this.flags.keys().next().value as string);
    return { count, first };
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
export class FallbackLimitStore implements LimitStore {
  private readonly local = new MemoryLimitStore();

  constructor(private readonly primary: LimitStore) {}

  take(key: string, limit: number, windowMs: number): Promise<WindowVerdict> {
    return this.primary.take(key, limit, windowMs).catch(() => this.local.take(key, limit, windowMs));
  }

  bucket(key: string, capacity: number, limit: number, windowMs: number): Promise<WindowVerdict> {
    return this.primary
      .bucket(key, capacity, limit, windowMs)
      .catch(() => this.local.bucket(key, capacity, limit, windowMs));
  }

  peek(key: string, limit: number, windowMs: number): Promise<WindowVerdict> {
    return this.primary.peek(key, limit, windowMs).catch(() => this.local.peek(key, limit, windowMs));
  }

  clear(key: string): Promise<void> {
    return Promise.all([this.primary.clear(key).catch(() => undefined), this.local.clear(key)]).then(
      () => undefined,
    );
  }

  tally(countKey: string, flagKey: string, flagTtlMs: number): Promise<{ count: number; first: boolean }> {
    return this.primary
      .tally(countKey, flagKey, flagTtlMs)
      .catch(() => this.local.tally(countKey, flagKey, flagTtlMs));
  }
}
