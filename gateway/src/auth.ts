import { createHash, randomUUID } from 'node:crypto';
import { INTERNAL_HEADER, isRole, signInternal, type Principal } from '@opshub/auth';

export interface AuthenticatorOptions {
  /** Base URL of the ops subgraph (origin; `/internal/authenticate` is appended). */
  opsUrl: string;
  secret: string;
  ttlMs?: number;
  maxEntries?: number;
}

/**
 * The outcome of reading an `Authorization` value. `expiresAt` (epoch ms) is set when ops says the
 * session or token expires; `tokenHash` is the key revocations name a single token by.
 */
export type AuthResult =
  | { kind: 'anonymous' }
  | { kind: 'user'; user: Principal; tokenHash: string; expiresAt?: number }
  | { kind: 'invalid' };

/** Turns bearer tokens into principals by asking ops, with a short in-memory cache. */
export interface Authenticator {
  /** `header` is the raw `Authorization` value (or undefined when absent). */
  fromHeader(header: string | undefined): Promise<AuthResult>;
  /** Drops every cached answer about this user's tokens (a revocation): the next lookup asks ops. */
  forgetUser(userId: string): void;
  /** Drops the cached answer for one token (by its base64url SHA-256). */
  forgetToken(tokenHash: string): void;
}

const BEARER = /^Bearer\s+(\S{1,200})$/i;

/** The base64url SHA-256 of a bearer token: the cache key and `Revocation.tokenHash`. */
export const hashBearerToken = (token: string): string =>
  createHash('sha256').update(token).digest('base64url');

interface Answer {
  user: Principal | null;
  expiresAt?: number;
}

interface Entry extends Answer {
  expires: number;
}

/**
 * The cache keeps both hits and misses for `ttlMs` (≈10 s), never past the session's own
 * `expiresAt`, and a burst of requests with one token costs one round trip to ops (lookups in
 * flight are shared). Hits are indexed by user id, so a revocation drops them at once; an answer
 * that was in flight when a revocation arrived is not cached (it may predate the revocation).
 */
export function createAuthenticator(options: AuthenticatorOptions): Authenticator {
  const ttlMs = options.ttlMs ?? 10_000;
  const maxEntries = options.maxEntries ?? 5_000;
  const endpoint = new URL('/internal/authenticate', options.opsUrl).toString();
  const cache = new Map<string, Entry>();
  const byUser = new Map<string, Set<string>>();
  const inFlight = new Map<string, Promise<Answer>>();
  // Bumped by every forget: answers asked for under an older epoch are neither cached nor shared.
  let epoch = 0;

  async function ask(token: string): Promise<Answer> {
    const signature = signInternal(options.secret, 'ops', { requestId: `auth-${randomUUID()}` });
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [INTERNAL_HEADER]: signature },
      body: JSON.stringify({ token }),
      signal: AbortSignal.timeout(5_000),
    });
    if (response.status === 400) return { user: null };
    if (!response.ok) throw new Error(`ops /internal/authenticate answered ${response.status}`);
    const body = (await response.json()) as { user?: unknown; expiresAt?: unknown };
    const user = toPrincipal(body.user);
    const expiresAt = toEpochMs(
      body.expiresAt ?? (body.user as { expiresAt?: unknown } | null | undefined)?.expiresAt,
    );
    return user && expiresAt !== undefined ? { user, expiresAt } : { user };
  }

  function remove(key: string): void {
    const entry = cache.get(key);
    if (!entry) return;
    cache.delete(key);
    if (!entry.user) return;
    const keys = byUser.get(entry.user.id);
    keys?.delete(key);
    if (keys?.size === 0) byUser.delete(entry.user.id);
  }

  function store(key: string, answer: Answer, now: number): void {
    remove(key);
    // Maps iterate in insertion order: dropping the first entry drops the oldest.
    while (cache.size >= maxEntries) remove(cache.keys().next().value as string);
    const expires = Math.min(now + ttlMs, answer.expiresAt ?? Infinity);
    cache.set(key, { ...answer, expires });
    if (answer.user) {
      const keys = byUser.get(answer.user.id) ?? new Set<string>();
      keys.add(key);
      byUser.set(answer.user.id, keys);
    }
  }

  async function lookup(token: string, key: string): Promise<Answer> {
    const now = Date.now();
    const hit = cache.get(key);
    if (hit && hit.expires > now) return hit;
    const flightKey = `${epoch}\u0000${key}`;
    const pending = inFlight.get(flightKey);
    if (pending) return pending;
    const askedIn = epoch;
    const promise = ask(token).then(
      (answer) => {
        inFlight.delete(flightKey);
        if (epoch === askedIn) store(key, answer, now);
        return answer;
      },
      (error: unknown) => {
        inFlight.delete(flightKey);
        throw error;
      },
    );
    inFlight.set(flightKey, promise);
    return promise;
  }

  return {
    async fromHeader(header) {
      if (header === undefined || header.trim() === '') return { kind: 'anonymous' };
      const match = BEARER.exec(header.trim());
      if (!match) return { kind: 'invalid' };
      const tokenHash = hashBearerToken(match[1]!);
      const { user, expiresAt } = await lookup(match[1]!, tokenHash);
      if (!user || (expiresAt !== undefined && expiresAt <= Date.now())) return { kind: 'invalid' };
      return expiresAt === undefined
        ? { kind: 'user', user, tokenHash }
        : { kind: 'user', user, tokenHash, expiresAt };
    },
    forgetUser(userId) {
      epoch++;
      for (const key of [...(byUser.get(userId) ?? [])]) remove(key);
    },
    forgetToken(tokenHash) {
      epoch++;
      remove(tokenHash);
    },
  };
}

function toPrincipal(value: unknown): Principal | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  if (typeof v['id'] !== 'string' || typeof v['username'] !== 'string' || !Array.isArray(v['roles']))
    return null;
  return {
    id: v['id'],
    username: v['username'],
    roles: v['roles'].filter((r): r is Principal['roles'][number] => typeof r === 'string' && isRole(r)),
  };
}

/** ops sends `expiresAt` as an ISO date (or epoch ms); absent or null means "does not expire". */
function toEpochMs(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value !== 'string') return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}
