import { createHash, randomUUID } from 'node:crypto';
import { INTERNAL_HEADER, isRole, signInternal, type Principal } from '@opshub/auth';

export interface AuthenticatorOptions {
  /** Base URL of the ops subgraph (origin; `/internal/authenticate` is appended). */
  opsUrl: string;
  secret: string;
  ttlMs?: number;
  maxEntries?: number;
}

/** The outcome of reading an `Authorization` value. */
export type AuthResult = { kind: 'anonymous' } | { kind: 'user'; user: Principal } | { kind: 'invalid' };

/** Turns bearer tokens into principals by asking ops, with a short in-memory cache. */
export interface Authenticator {
  /** `header` is the raw `Authorization` value (or undefined when absent). */
  fromHeader(header: string | undefined): Promise<AuthResult>;
}

const BEARER = /^Bearer\s+(\S{1,200})$/i;

/**
 * The cache keeps both hits and misses for `ttlMs` (≈10 s): a revoked token works at most that long,
 * and a burst of requests with one token costs one round trip to ops. Keys are token hashes.
 */
export function createAuthenticator(options: AuthenticatorOptions): Authenticator {
  const ttlMs = options.ttlMs ?? 10_000;
  const maxEntries = options.maxEntries ?? 5_000;
  const endpoint = new URL('/internal/authenticate', options.opsUrl).toString();
  const cache = new Map<string, { user: Principal | null; expires: number }>();

  async function ask(token: string): Promise<Principal | null> {
    const signature = await signInternal(options.secret, { requestId: `auth-${randomUUID()}` });
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [INTERNAL_HEADER]: signature },
      body: JSON.stringify({ token }),
      signal: AbortSignal.timeout(5_000),
    });
    if (response.status === 400) return null;
    if (!response.ok) throw new Error(`ops /internal/authenticate answered ${response.status}`);
    const body = (await response.json()) as { user?: unknown };
    return toPrincipal(body.user);
  }

  async function lookup(token: string): Promise<Principal | null> {
    const key = createHash('sha256').update(token).digest('base64url');
    const now = Date.now();
    const hit = cache.get(key);
    if (hit && hit.expires > now) return hit.user;
    const user = await ask(token);
    cache.delete(key);
    // Maps iterate in insertion order: dropping the first entry drops the oldest.
    while (cache.size >= maxEntries) cache.delete(cache.keys().next().value as string);
    cache.set(key, { user, expires: now + ttlMs });
    return user;
  }

  return {
    async fromHeader(header) {
      if (header === undefined || header.trim() === '') return { kind: 'anonymous' };
      const match = BEARER.exec(header.trim());
      if (!match) return { kind: 'invalid' };
      const user = await lookup(match[1]!);
      return user ? { kind: 'user', user } : { kind: 'invalid' };
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
