import { PageArgs, type ConnectionShape } from '@opshub/subgraph-kit';
import { Args, Authorized, FieldResolver, Query, Resolver, Root, ArgsType, Field, ID } from 'type-graphql';
import type { UserService } from '../user/user.service.js';
import { User } from '../user/user.type.js';
import type { AuditService } from './audit.service.js';
import { AuditEntry, AuditEntryConnection } from './audit.type.js';

@ArgsType()
class AuditLogArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'Only actions of this user (id).' })
  actor?: string;

  @Field(() => String, { nullable: true, description: 'Only kinds starting with this, e.g. `token.`' })
  kind?: string;
}

@Resolver(() => AuditEntry)
export class AuditResolver {
  constructor(
    private readonly audit: AuditService,
    private readonly users: UserService,
  ) {}

  @Authorized('ADMIN')
  @Query(() => AuditEntryConnection, { description: 'The audit log, newest first.' })
  auditLog(@Args() args: AuditLogArgs): Promise<ConnectionShape<AuditEntry>> {
    return this.audit.page(args, {
      ...(args.actor ? { actorId: args.actor } : {}),
      ...(args.kind ? { kind: args.kind } : {}),
    });
  }

  @FieldResolver(() => User, { nullable: true })
  actor(@Root() entry: AuditEntry): Promise<User | null> {
    return entry.actorId ? this.users.byId(entry.actorId) : Promise.resolve(null);
  }
}
