import { jwtVerify, SignJWT } from 'jose';
import type { Principal, RoleName } from './roles.js';

/** Header carrying the gateway's signature on every subgraph call. */
export const INTERNAL_HEADER = 'x-opshub-internal';
const ISSUER = 'opshub-gateway';
const AUDIENCE = 'opshub-subgraph';

/** What the gateway vouches for: the caller (if any) and the request id. */
export interface InternalClaims {
  user?: Principal;
  requestId: string;
  /** The client's network address as the gateway saw it (rate limits per address, audit). */
  clientAddress?: string;
}

const key = (secret: string): Uint8Array => new TextEncoder().encode(secret);

/** Signs the claims for one subgraph call; short-lived so a leaked header is of little use. */
export async function signInternal(secret: string, claims: InternalClaims, ttlSeconds = 60): Promise<string> {
  const jwt = new SignJWT({
    rid: claims.requestId,
    ...(claims.user ? { usr: claims.user.username, rol: claims.user.roles } : {}),
  })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds);
  if (claims.user) jwt.setSubject(claims.user.id);
  return jwt.sign(key(secret));
}

/** Verifies a signature made by `signInternal`; throws when invalid or expired. */
export async function verifyInternal(secret: string, token: string): Promise<InternalClaims> {
  const { payload } = await jwtVerify(token, key(secret), {
    issuer: ISSUER,
    audience: AUDIENCE,
    algorithms: ['HS256'],
  });
  const requestId = typeof payload['rid'] === 'string' ? payload['rid'] : 'unknown';
  if (!payload.sub) return { requestId };
  return {
    requestId,
    user: {
      id: payload.sub,
      username: String(payload['usr']),
      roles: (Array.isArray(payload['rol']) ? payload['rol'] : []) as RoleName[],
    },
  };
}
