import { hasRole, isRole, type RoleName } from '@opshub/auth';
import { ForbiddenError, UnauthenticatedError } from '@opshub/errors';
import type { AuthCheckerFn } from 'type-graphql';
import type { SubgraphContext } from './context.js';

/**
 * `@Authorized()` needs a signed-in caller; `@Authorized('OPERATOR')` needs that role or a higher one.
 * Failures are coded errors, never a silent null.
 */
export const authChecker: AuthCheckerFn<SubgraphContext, string> = ({ context }, roles) => {
  if (!context.user) throw new UnauthenticatedError();
  const needed = roles.filter(isRole);
  if (needed.length === 0 || needed.some((r) => hasRole(context.user, r))) return true;
  throw new ForbiddenError(`This needs the ${needed.join(' or ')} role`, { needed });
};

/** Throws unless the caller holds `role` (for checks inside services). */
export function requireRole(
  context: Pick<SubgraphContext, 'user'>,
  role: RoleName,
): NonNullable<SubgraphContext['user']> {
  if (!context.user) throw new UnauthenticatedError();
  if (!hasRole(context.user, role))
    throw new ForbiddenError(`This needs the ${role} role`, { needed: [role] });
  return context.user;
}
