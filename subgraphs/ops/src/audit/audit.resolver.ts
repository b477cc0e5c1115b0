import type { GraphQLResolveInfo } from 'graphql';
import {
  loaderFor,
  PageArgs,
  subscribeOn,
  type ConnectionShape,
  type SubgraphContext,
} from '@opshub/subgraph-kit';
import {
  Args,
  ArgsType,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Info,
  Query,
  Resolver,
  Root,
  Subscription,
} from 'type-graphql';
import type { UserService } from '../user/user.service.js';
import { User } from '../user/user.type.js';
import { parseAuditFilter } from './audit.filter.js';
import type { AuditService } from './audit.service.js';
import { AuditEntry, AuditEntryConnection } from './audit.type.js';

// TypeScript's mixin rule: a class expression extending a type parameter needs a `...args: any[]` constructor.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ArgsBase = new (...args: any[]) => object;

/**
 * The audit filter's three arguments after `Base`'s own (none for the subscription, the page arguments
 * for `auditLog`): one declaration for both, in the order the SDL has always listed them.
 */
function withAuditFilter<TBase extends ArgsBase>(Base: TBase, entityDescription: string) {
  @ArgsType()
  class AuditFilterFields extends Base {
    @Field(() => ID, { nullable: true, description: 'Only actions of this user (id).' })
    actor?: string;

    @Field(() => String, { nullable: true, description: 'Only kinds starting with this, e.g. `token.`' })
    kind?: string;

    @Field(() => String, { nullable: true, description: entityDescription })
    entity?: string;
  }
  return AuditFilterFields;
}

@ArgsType()
class AuditFilterArgs extends withAuditFilter(
  class {},
  'Only entries about this entity or what belongs to it: `target` equal to it or starting with it and `/` (`queue:maintenance` also gives `queue:maintenance/job:42`; `alert-source` every alert source).',
) {}

@ArgsType()
class AuditLogArgs extends withAuditFilter(
  PageArgs,
  'Only entries about this entity or what belongs to it (as in `auditEntryAdded`).',
) {
  @Field(() => Date, { nullable: true, description: 'Only entries at or after this instant.' })
  since?: Date;

  @Field(() => Date, { nullable: true, description: 'Only entries before this instant.' })
  until?: Date;
}

@Resolver(() => AuditEntry)
export class AuditResolver {
  constructor(
    private readonly audit: AuditService,
    private readonly users: UserService,
  ) {}

  @Authorized('ADMIN')
  @Query(() => AuditEntryConnection, {
    description:
      'The audit log, newest first: every domain’s audited actions. Export the same filter as CSV at `GET /audit/export.csv`.',
  })
  auditLog(@Args() args: AuditLogArgs): Promise<ConnectionShape<AuditEntry>> {
    return this.audit.page(args, parseAuditFilter(args));
  }

  @Authorized('ADMIN')
  @Subscription(() => AuditEntry, {
    description: 'Audit entries as they are written, filtered on the server.',
    subscribe: subscribeOn(
      () => AuditResolver,
      (resolver, args: AuditFilterArgs) => resolver.audit.live(parseAuditFilter(args)),
    ),
  })
  auditEntryAdded(@Root() entry: AuditEntry, @Args() _args: AuditFilterArgs): AuditEntry {
    return entry;
  }

  // One query for a page's actors (or an event's), not one per entry.
  @FieldResolver(() => User, { nullable: true })
  actor(
    @Root() entry: AuditEntry,
    @Ctx() ctx: SubgraphContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<User | null> {
    if (!entry.actorId) return Promise.resolve(null);
    return loaderFor(ctx, info, 'user', (ids: string[]) => this.users.byIds(ids)).load(entry.actorId);
  }
}
