import { Connection } from '@opshub/subgraph-kit';
import { GraphQLJSON } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { User } from '../user/user.type.js';

@ObjectType({ description: 'One audited action: who did what, to what, when.' })
export class AuditEntry {
  @Field(() => ID)
  id: string;

  @Field()
  at: Date;

  @Field(() => User, { nullable: true, description: 'Null for actions of the system itself.' })
  actor: User | null;

  actorId: string | null;

  @Field({ description: 'Dotted kind, e.g. `user.create`, `token.revoke`, `session.login`.' })
  kind: string;

  @Field(() => String, { nullable: true })
  target: string | null;

  @Field(() => GraphQLJSON)
  detail: unknown;

  @Field(() => String, { nullable: true })
  requestId: string | null;
}

export const AuditEntryConnection = Connection(AuditEntry, 'AuditEntry');
