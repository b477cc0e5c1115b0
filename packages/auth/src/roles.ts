import { Role } from '@opshub/db/enums';

/** The database's roles in rank order; each includes the rights of the ones before it. */
export const ROLES = [Role.VIEWER, Role.OPERATOR, Role.ADMIN] as const satisfies readonly Role[];
export type RoleName = Role;

/** The caller as the gateway vouches for it to subgraphs. */
export interface Principal {
  id: string;
  username: string;
  roles: RoleName[];
}

const rank = (r: RoleName): number => ROLES.indexOf(r);

/** True when any of the principal's roles is at or above `needed`. */
export function hasRole(principal: Pick<Principal, 'roles'> | undefined, needed: RoleName): boolean {
  if (!principal) return false;
  return principal.roles.some((r) => rank(r) >= rank(needed));
}

export function isRole(value: string): value is RoleName {
  return (ROLES as readonly string[]).includes(value);
}
