import { createHash, randomBytes } from 'node:crypto';

/** Tokens are 32 random bytes; only their SHA-256 is stored, so a database leak yields no token. */
export function newToken(kind: 'session' | 'api'): string {
  return `${kind === 'session' ? 'ohs' : 'oht'}_${randomBytes(32).toString('base64url')}`;
}

/** The stored form of a token: hex SHA-256. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The revocation contract's form of a stored hash (base64url SHA-256, as the gateway keys its cache). */
export function revocationHash(storedHash: string): string {
  return Buffer.from(storedHash, 'hex').toString('base64url');
}

/** What is kept to recognise a token in lists: its type prefix and 4 characters of the secret. */
export function tokenPrefix(token: string): string {
  return token.slice(0, 8);
}
