import { hasRole } from '@opshub/auth';
import { ForbiddenError } from '@opshub/errors';
import type { SubgraphContext } from '@opshub/subgraph-kit';
import type { MiddlewareFn } from 'type-graphql';
import type { User } from './user.type.js';

/** Users the resolver itself handed to their owner (the answer to `login`, before a session exists). */
const self = new WeakSet<object>();

export function markSelf<T extends object>(user: T): T {
  self.add(user);
  return user;
}

/**
 * Field auth for what a user's account says about them (roles, disabled): readable by an ADMIN and
 * by the user themself. Usernames stay public, since actors are shown next to what they did.
 */
export const adminOrSelf: MiddlewareFn<SubgraphContext> = async ({ root, context }, next) => {
  const user = root as User;
  if (self.has(user) || context.user?.id === user.id || hasRole(context.user, 'ADMIN')) return next();
  throw new ForbiddenError('Only an ADMIN or the user themself can read this', { needed: ['ADMIN'] });
};
