export { hasRole, isRole, ROLES } from './roles.js';
export type { Principal, RoleName } from './roles.js';
export {
  deriveInternalKey,
  INTERNAL_HEADER,
  INTERNAL_TTL_SECONDS,
  InternalSignatureError,
  InternalVerifier,
  signInternal,
  verifyInternal,
} from './internal-token.js';
export type { InternalClaims, InternalSignatureProblem, InternalVerifierOptions } from './internal-token.js';
export { decodeRevocation, encodeRevocation, revocationChannel } from './revocation.js';
export type { Revocation, RevocationReason } from './revocation.js';
