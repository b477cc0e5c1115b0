import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The ops subgraph's User, referenced by id; the gateway fetches its other fields from ops. */
@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class User {
  @Field(() => ID)
  id: string;
}
