export { hasRole, isRole, ROLES } from './roles.js';
export type { Principal, RoleName } from './roles.js';
export { INTERNAL_HEADER, signInternal, verifyInternal } from './internal-token.js';
export type { InternalClaims } from './internal-token.js';
export { decodeRevocation, encodeRevocation, revocationChannel } from './revocation.js';
export type { Revocation, RevocationReason } from './revocation.js';
