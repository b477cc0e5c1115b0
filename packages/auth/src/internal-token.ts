import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Principal, RoleName } from './roles.js';

/** Header carrying the gateway's signature on every subgraph call. */
export const INTERNAL_HEADER = 'x-opshub-internal';

/** How long a signature lives by default, and the longest a subgraph accepts. */
export const INTERNAL_TTL_SECONDS = 10;
/** Clocks of the gateway and a subgraph (separate containers) may disagree by this much. */
const CLOCK_SKEW_SECONDS = 2;
const ISSUER = 'opshub-gateway';
/** A derived key as it is handed to one subgraph: `ohk1.<audience>.<base64url of 32 bytes>`. */
const KEY_PREFIX = 'ohk1';
const HKDF_SALT = 'opshub/internal-signature/v1';
const AUDIENCE = /^[a-z][a-z0-9-]{0,31}$/;
/** A header longer than this is not one of ours (a user with many roles is still far below). */
const MAX_TOKEN_LENGTH = 4096;

/**
 * What the gateway vouches for: the caller (if any) and the request id. The audience (the subgraph
 * a signature is for) is not a claim the caller picks: it is the key the signature is made with.
 */
export interface InternalClaims {
  user?: Principal;
  requestId: string;
  /** The client's network address as the gateway saw it (rate limits per address, audit). */
  clientAddress?: string;
}

/** Why a signature was refused (for the subgraph's log; the caller only gets 401). */
export type InternalSignatureProblem =
  | 'malformed'
  | 'bad-signature'
  | 'wrong-audience'
  | 'expired'
  | 'not-yet-valid'
  | 'too-long-lived'
  | 'replayed'
  | 'replay-cache-full';

export class InternalSignatureError extends Error {
  constructor(readonly problem: InternalSignatureProblem) {
    super(`internal signature refused: ${problem}`);
    this.name = 'InternalSignatureError';
  }
}

const b64url = (bytes: Buffer | string): string => Buffer.from(bytes).toString('base64url');
/** The only JOSE header we make or accept: pinning it refuses `alg: none` and every other algorithm. */
const HEADER = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

function assertAudience(audience: string): void {
  if (!AUDIENCE.test(audience)) throw new Error(`Not a subgraph name: ${JSON.stringify(audience)}`);
}

const derived = new Map<string, Buffer>();

/**
 * The 32-byte HMAC key for one audience. `secretOrKey` is either OPSHUB_SECRET (the gateway, and
 * development, where one secret is shared and each audience's key is derived with HKDF-SHA256), or a
 * key made by `deriveInternalKey` for exactly this audience (a subgraph that holds only its own key).
 */
function keyFor(secretOrKey: string, audience: string): Buffer {
  const cacheKey = `${audience}\u0000${secretOrKey}`;
  const cached = derived.get(cacheKey);
  if (cached) return cached;
  assertAudience(audience);
  let key: Buffer;
  if (secretOrKey.startsWith(`${KEY_PREFIX}.`)) {
    const [, keyAudience, encoded] = secretOrKey.split('.');
    if (keyAudience !== audience)
      throw new Error(`This key is for subgraph "${keyAudience}", not "${audience}"`);
    key = Buffer.from(encoded ?? '', 'base64url');
    if (key.length !== 32) throw new Error(`A ${KEY_PREFIX} key holds 32 bytes`);
  } else {
    key = Buffer.from(hkdfSync('sha256', secretOrKey, HKDF_SALT, `audience:${audience}`, 32));
  }
  // A process signs for a handful of subgraphs with one or two secrets: the map stays tiny.
  derived.set(cacheKey, key);
  return key;
}

/**
 * The key one subgraph needs and nothing more: it verifies signatures for its own name only and
 * cannot sign for another subgraph. Give it to that subgraph as its OPSHUB_SECRET.
 */
export function deriveInternalKey(secret: string, audience: string): string {
  if (secret.startsWith(`${KEY_PREFIX}.`))
    throw new Error('Derive from OPSHUB_SECRET, not from a derived key');
  return `${KEY_PREFIX}.${audience}.${b64url(keyFor(secret, audience))}`;
}

const mac = (key: Buffer, signingInput: string): Buffer =>
  createHmac('sha256', key).update(signingInput).digest();

/**
 * Signs the claims for one call to the subgraph `audience` (its name). Synchronous HMAC-SHA256 on the
 * calling thread: signing and verifying never queue behind password hashing on the libuv pool.
 * Each signature carries a fresh `jti` and lives `ttlSeconds` (at most 10): sign once per call.
 */
export function signInternal(
  secret: string,
  audience: string,
  claims: InternalClaims,
  ttlSeconds = INTERNAL_TTL_SECONDS,
): string {
  if (!(ttlSeconds > 0 && ttlSeconds <= INTERNAL_TTL_SECONDS))
    throw new RangeError(`An internal signature lives 1–${INTERNAL_TTL_SECONDS} s`);
  const key = keyFor(secret, audience);
  const now = Math.floor(Date.now() / 1000);
  const payload = b64url(
    JSON.stringify({
      iss: ISSUER,
      aud: audience,
      iat: now,
      exp: now + ttlSeconds,
      jti: randomBytes(16).toString('base64url'),
      rid: claims.requestId,
      ...(claims.user ? { sub: claims.user.id, usr: claims.user.username, rol: claims.user.roles } : {}),
      ...(claims.clientAddress ? { adr: claims.clientAddress } : {}),
    }),
  );
  const signingInput = `${HEADER}.${payload}`;
  return `${signingInput}.${b64url(mac(key, signingInput))}`;
}

interface Verified {
  claims: InternalClaims;
  jti: string;
  exp: number;
}

function check(key: Buffer, audience: string, token: string, nowMs: number): Verified {
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH)
    throw new InternalSignatureError('malformed');
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== HEADER) throw new InternalSignatureError('malformed');
  const [header, payload, signature] = parts as [string, string, string];
  const given = Buffer.from(signature, 'base64url');
  const expected = mac(key, `${header}.${payload}`);
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new InternalSignatureError('bad-signature');

  let body: Record<string, unknown>;
  try {
    body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    throw new InternalSignatureError('malformed');
  }
  if (!body || typeof body !== 'object') throw new InternalSignatureError('malformed');
  const { iss, aud, iat, exp, jti, rid } = body;
  if (
    iss !== ISSUER ||
    typeof iat !== 'number' ||
    typeof exp !== 'number' ||
    typeof jti !== 'string' ||
    jti.length < 16 ||
    jti.length > 64
  )
    throw new InternalSignatureError('malformed');
  // The key is per audience already; the claim is checked too so a shared-secret setup stays bound.
  if (aud !== audience) throw new InternalSignatureError('wrong-audience');
  const now = nowMs / 1000;
  if (exp - iat > INTERNAL_TTL_SECONDS) throw new InternalSignatureError('too-long-lived');
  if (now >= exp + CLOCK_SKEW_SECONDS) throw new InternalSignatureError('expired');
  if (now < iat - CLOCK_SKEW_SECONDS) throw new InternalSignatureError('not-yet-valid');

  const claims: InternalClaims = { requestId: typeof rid === 'string' ? rid : 'unknown' };
  if (typeof body['adr'] === 'string') claims.clientAddress = body['adr'];
  if (typeof body['sub'] === 'string') {
    claims.user = {
      id: body['sub'],
      username: String(body['usr']),
      roles: (Array.isArray(body['rol']) ? body['rol'] : []) as RoleName[],
    };
  }
  return { claims, jti, exp };
}

/**
 * Verifies a signature made by `signInternal` for `audience`, without replay protection (use an
 * `InternalVerifier` where a replayed header must be refused). Throws InternalSignatureError.
 */
export function verifyInternal(secret: string, audience: string, token: string): InternalClaims {
  return check(keyFor(secret, audience), audience, token, Date.now()).claims;
}

export interface InternalVerifierOptions {
  /** OPSHUB_SECRET, or the key `deriveInternalKey` made for this audience. */
  secret: string;
  /** The subgraph's name: signatures made for any other subgraph are refused. */
  audience: string;
  /**
   * Signatures remembered (by `jti`) until they expire. A signature lives ≤ 12 s (10 + skew), so
   * 100 000 covers ~8 000 calls a second; beyond that calls are refused rather than left unchecked.
   */
  maxRemembered?: number;
  /** For tests: the clock. */
  now?: () => number;
}

/**
 * A subgraph's verifier: audience-bound, short-lived and one-shot. Each signature is accepted once
 * (its `jti` is remembered until it expires), so a header captured on the internal network cannot
 * be replayed, not even within its few seconds of life.
 */
export class InternalVerifier {
  private readonly key: Buffer;
  private readonly seen = new Map<string, number>();
  private readonly maxRemembered: number;
  private readonly now: () => number;

  constructor(private readonly options: InternalVerifierOptions) {
    this.key = keyFor(options.secret, options.audience);
    this.maxRemembered = options.maxRemembered ?? 100_000;
    this.now = options.now ?? Date.now;
  }

  get audience(): string {
    return this.options.audience;
  }

  /** The claims of a valid, fresh, first-seen signature; throws InternalSignatureError otherwise. */
  verify(token: string): InternalClaims {
    const now = this.now();
    const { claims, jti, exp } = check(this.key, this.options.audience, token, now);
    this.forgetExpired(now);
    if (this.seen.has(jti)) throw new InternalSignatureError('replayed');
    if (this.seen.size >= this.maxRemembered) throw new InternalSignatureError('replay-cache-full');
    this.seen.set(jti, (exp + CLOCK_SKEW_SECONDS) * 1000);
    return claims;
  }

  /** Signatures remembered now (for tests and metrics). */
  get remembered(): number {
    return this.seen.size;
  }

  private forgetExpired(now: number): void {
    // Insertion order is nearly expiry order (every signature lives about as long): drop from the front.
    for (const [jti, until] of this.seen) {
      if (until > now) break;
      this.seen.delete(jti);
    }
  }
}
