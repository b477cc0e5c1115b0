import { createHash } from 'node:crypto';
import { ROLES, type Principal, type RoleName } from '@opshub/auth';
import {
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLSchema,
  getNamedType,
} from 'graphql';

/**
 * Fields whose value depends on who asks beyond their roles (found by auditing the subgraphs for
 * resolvers and field middleware that read the caller's id or username: `adminOrSelf` on `User`,
 * the caller's own SQL runs). An operation selecting any of them is shared only among the same
 * user's subscriptions. ADR 0005 says how to keep this list right.
 */
const CALLER_FIELDS: ReadonlySet<string> = new Set(['Subscription.sqlRunUpdated']);

/**
 * Types whose fields are caller-dependent except the ones named: a field added later to `User`
 * is treated as per-user until someone decides otherwise (when in doubt, do not share).
 */
const CALLER_TYPES: Readonly<Record<string, ReadonlySet<string>>> = {
  User: new Set(['id', 'username', '__typename']),
  SqlRun: new Set(),
};

/** Who a shared subscription runs as: everything a subgraph may use to shape its answer. */
export interface SharingScope {
  /** Equal keys: the subgraphs answer the same to every member (same roles, and same user when it matters). */
  key: string;
  /**
   * The principal the shared upstream and its entity fetches are signed with. Without a user in the
   * scope it is a synthetic one (same roles, an id no user has): a field that reads the caller's
   * identity and was missed by the audit answers as for a stranger of that role — it fails closed,
   * never with one member's own data.
   */
  principal: Principal;
  /** True when the scope is one user's (the operation selects a caller-dependent field). */
  perUser: boolean;
}

const rank = (role: RoleName): number => (ROLES as readonly RoleName[]).indexOf(role);

/**
 * The roles as the subgraphs read them (`hasRole`): the highest ranked role, plus the capability
 * roles beside it; ADMIN holds every capability already.
 */
export function normalisedRoles(roles: readonly RoleName[]): RoleName[] {
  const ranked = roles.filter((r) => rank(r) >= 0).sort((a, b) => rank(b) - rank(a));
  const top = ranked[0];
  const capabilities = [...new Set(roles.filter((r) => rank(r) < 0))].sort();
  if (top === ROLES.at(-1)) return [top];
  return top ? [top, ...capabilities] : capabilities;
}

/** Every `Type.field` the document selects (through fragments too), with the API schema's types. */
export function selectedCoordinates(schema: GraphQLSchema, document: DocumentNode): Set<string> {
  const coordinates = new Set<string>();
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parent = typeInfo.getParentType();
        if (parent) coordinates.add(`${getNamedType(parent).name}.${node.name.value}`);
      },
    }),
  );
  return coordinates;
}

/** True when the value of one of `coordinates` may differ between two users of the same roles. */
export function dependsOnCaller(coordinates: Iterable<string>): boolean {
  for (const coordinate of coordinates) {
    if (CALLER_FIELDS.has(coordinate)) return true;
    const [type, field] = coordinate.split('.') as [string, string];
    const independent = CALLER_TYPES[type];
    if (independent && !independent.has(field)) return true;
  }
  return false;
}

/**
 * The authorisation scope of one subscription: the caller's normalised roles, and the caller's id
 * when the operation selects anything that depends on who asks. Request id and client address are
 * not part of it: subgraphs log them, they do not shape answers.
 */
export function sharingScope(user: Principal, perUser: boolean): SharingScope {
  const roles = normalisedRoles(user.roles);
  const rolesKey = roles.join('+') || 'NONE';
  if (perUser) return { key: `user:${user.id}:${rolesKey}`, principal: { ...user, roles }, perUser };
  const tag = createHash('sha256').update(rolesKey).digest('hex').slice(0, 12);
  return {
    key: `roles:${rolesKey}`,
    principal: { id: `shared-scope-${tag}`, username: `(shared ${rolesKey})`, roles },
    perUser,
  };
}
