/**
 * Revocations travel from ops to every gateway over Redis pub/sub, so that a revoked token, a
 * disabled user or a password change closes that user's open WebSockets at once (not at the next
 * cache expiry). Pub/sub is fire-and-forget: a gateway that misses a message (Redis restart) still
 * re-authenticates its sockets periodically, so a revocation is never missed for long.
 */

/** The Redis pub/sub channel revocations are published on, under the hub's Redis prefix. */
export const revocationChannel = (redisPrefix: string): string => `${redisPrefix}:auth:revoked`;

/** Why a user's credentials stopped (or may have stopped) working. */
export type RevocationReason =
  | 'logout'
  | 'token-revoked'
  | 'sessions-revoked'
  | 'user-disabled'
  | 'password-changed'
  | 'roles-changed'
  | 'session-expired';

/**
 * One revocation. `userId` is always set: the gateway re-authenticates every socket of that user
 * and closes those whose token no longer resolves (or whose roles changed). `tokenHash` (the
 * base64url SHA-256 of the bearer token) narrows it to one token when only one was revoked.
 */
export interface Revocation {
  userId: string;
  reason: RevocationReason;
  tokenHash?: string;
}

export const encodeRevocation = (r: Revocation): string => JSON.stringify(r);

/** Parses a message from the channel; null when it is not a revocation. */
export function decodeRevocation(text: string): Revocation | null {
  try {
    const v = JSON.parse(text) as Partial<Revocation> | null;
    if (!v || typeof v.userId !== 'string' || typeof v.reason !== 'string') return null;
    return {
      userId: v.userId,
      reason: v.reason,
      ...(typeof v.tokenHash === 'string' ? { tokenHash: v.tokenHash } : {}),
    };
  } catch {
    return null;
  }
}
