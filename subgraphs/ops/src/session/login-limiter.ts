import { setTimeout as delay } from 'node:timers/promises';
import { RateLimitedError } from '@opshub/errors';
import type { LimitStore } from './limit-store.js';

export interface LoginLimits {
  /** Login attempts (right or wrong) per client address per `addressWindowSeconds`… */
  addressAttempts: number;
  addressWindowSeconds: number;
  /** …of which at most this many at once (a token bucket): a burst's hashing is spread out, not piled up. */
  addressBurst: number;
  /** Failed logins per username per `usernameWindowSeconds`; then that username is refused until the window slides. */
  usernameFailures: number;
  usernameWindowSeconds: number;
  /**
   * A refused sign-in is answered after this long (at most its retry-after): a client that retries
   * at once, in a loop, is slowed to a few requests a second at the cost of a timer each.
   */
  refusalDelayMs: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  addressAttempts: 20,
  addressWindowSeconds: 60,
  addressBurst: 10,
  usernameFailures: 5,
  usernameWindowSeconds: 900,
  refusalDelayMs: 1_000,
};

/** Which limit refused an attempt. */
export type LimitScope = 'address' | 'username';

/** Thrown by `admit`: the refused attempt, for the caller to account (not audit one by one). */
export class LoginLimited extends RateLimitedError {
  constructor(
    readonly scope: LimitScope,
    readonly key: string,
    readonly retryAfterMs: number,
  ) {
    super(
      scope === 'address'
        ? 'Too many sign-in attempts from your address; try again later'
        : 'Too many failed sign-ins for this username; try again later',
      retryAfterMs / 1000,
    );
  }
}

/**
 * The sign-in limits, in two layers: every attempt from one client address takes a token from a
 * small bucket refilled at a modest rate (a flood from one place gets a handful of attempts at once,
 * then one every few seconds), and failures against one
 * username count against a long window (a slow guesser from many places is cut off after a few
 * tries). Both are checked before any password is hashed, so a refused attempt costs no argon2 work.
 */
export class LoginLimiter {
  constructor(
    private readonly window: LimitStore,
    private readonly limits: LoginLimits,
  ) {}

  /** Counts one attempt; throws LoginLimited when the address or the username is over its limit. */
  async admit(address: string, username: string): Promise<void> {
    const byAddress = await this.window.bucket(
      `login:address:${address}`,
      Math.min(this.limits.addressBurst, this.limits.addressAttempts),
      this.limits.addressAttempts,
      this.limits.addressWindowSeconds * 1000,
    );
    if (!byAddress.allowed) throw new LoginLimited('address', address, byAddress.retryAfterMs);
    const byUsername = await this.window.peek(
      `login:username:${username}`,
      this.limits.usernameFailures,
      this.limits.usernameWindowSeconds * 1000,
    );
    if (!byUsername.allowed) throw new LoginLimited('username', username, byUsername.retryAfterMs);
  }

  async failed(username: string): Promise<void> {
    await this.window.take(
      `login:username:${username}`,
      Number.MAX_SAFE_INTEGER,
      this.limits.usernameWindowSeconds * 1000,
    );
  }

  /** Holds back the answer to a refused attempt (see `refusalDelayMs`). */
  async slowDown(retryAfterMs: number): Promise<void> {
    const ms = Math.min(this.limits.refusalDelayMs, retryAfterMs);
    if (ms > 0) await delay(ms);
  }

  async succeeded(username: string): Promise<void> {
    await this.window.clear(`login:username:${username}`);
  }

  /**
   * Accounts a refused attempt: counts it, and returns the running count when this is the first
   * refusal of the key in its window (the one worth an audit row), else null.
   */
  async refused(limited: LoginLimited): Promise<number | null> {
    const { count, first } = await this.window.tally(
      `login:refused:${limited.scope}:${limited.key}`,
      `login:limited:${limited.scope}:${limited.key}`,
      Math.max(1000, limited.retryAfterMs),
    );
    return first ? count : null;
  }
}
