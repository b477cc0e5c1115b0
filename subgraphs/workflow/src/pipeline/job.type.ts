import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The ops subgraph's BullMQ Job, referenced by queue and id; the gateway fetches the rest from ops. */
@ObjectType('Job')
@Directive('@key(fields: "queue id", resolvable: false)')
export class JobRef {
  @Field(() => ID)
  id: string;

  @Field()
  queue: string;
}
