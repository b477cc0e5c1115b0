import { Role } from '@opshub/db/enums';

/** The ranked roles in rank order; each includes the rights of the ones before it. */
export const ROLES = [Role.VIEWER, Role.OPERATOR, Role.ADMIN] as const satisfies readonly Role[];

/**
 * Capability roles: a right held beside a ranked role, not above or below it. ADMIN holds them all;
 * nobody else gets one by rank (an OPERATOR is no broker). BROKER submits classifications; SQL runs
 * read-only SQL on the alerts schema.
 */
export const CAPABILITY_ROLES = [Role.BROKER, Role.SQL] as const satisfies readonly Role[];

export type RoleName = Role;

/** The caller as the gateway vouches for it to subgraphs. */
export interface Principal {
  id: string;
  username: string;
  roles: RoleName[];
}

const rank = (r: RoleName): number => (ROLES as readonly Role[]).indexOf(r);
const isCapability = (r: RoleName): boolean => (CAPABILITY_ROLES as readonly Role[]).includes(r);

/**
 * True when the principal may act as `needed`: for a ranked role, any of its ranked roles at or
 * above it; for a capability role, that role itself or ADMIN.
 */
export function hasRole(principal: Pick<Principal, 'roles'> | undefined, needed: RoleName): boolean {
  if (!principal) return false;
  if (isCapability(needed)) return principal.roles.some((r) => r === needed || r === Role.ADMIN);
  return principal.roles.some((r) => !isCapability(r) && rank(r) >= rank(needed));
}

export function isRole(value: string): value is RoleName {
  return (Object.values(Role) as string[]).includes(value);
}
