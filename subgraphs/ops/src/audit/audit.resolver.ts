import { PageArgs, subscribeOn, type ConnectionShape } from '@opshub/subgraph-kit';
import {
  Args,
  ArgsType,
  Authorized,
  Field,
  FieldResolver,
  ID,
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

@ArgsType()
class AuditFilterArgs {
  @Field(() => ID, { nullable: true, description: 'Only actions of this user (id).' })
  actor?: string;

  @Field(() => String, { nullable: true, description: 'Only kinds starting with this, e.g. `token.`' })
  kind?: string;

  @Field(() => String, {
    nullable: true,
    description:
      'Only entries about this entity or what belongs to it: `target` equal to it or starting with it and `/` (`queue:maintenance` also gives `queue:maintenance/job:42`; `alert-source` every alert source).',
  })
  entity?: string;
}

@ArgsType()
class AuditLogArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'Only actions of this user (id).' })
  actor?: string;

  @Field(() => String, { nullable: true, description: 'Only kinds starting with this, e.g. `token.`' })
  kind?: string;

  @Field(() => String, {
    nullable: true,
    description: 'Only entries about this entity or what belongs to it (as in `auditEntryAdded`).',
  })
  entity?: string;

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

  @FieldResolver(() => User, { nullable: true })
  actor(@Root() entry: AuditEntry): Promise<User | null> {
    return entry.actorId ? this.users.byId(entry.actorId) : Promise.resolve(null);
  }
}
