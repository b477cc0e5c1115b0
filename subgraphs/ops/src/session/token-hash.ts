import { createHash, randomBytes } from 'node:crypto';

/** Tokens are 32 random bytes; only their SHA-256 is stored, so a database leak yields no token. */
export function newToken(kind: 'session' | 'api'): string {
  return `${kind === 'session' ? 'ohs' : 'oht'}_${randomBytes(32).toString('base64url')}`;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
