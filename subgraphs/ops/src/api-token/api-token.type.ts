import { Field, ID, ObjectType } from 'type-graphql';
import { User } from '../user/user.type.js';

@ObjectType({ description: 'A long-lived token for scripts. The secret is shown once, at creation.' })
export class ApiToken {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field({ description: 'The type prefix and first 4 characters of the token, to recognise it.' })
  prefix: string;

  @Field(() => User)
  user: User;

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  lastUsedAt: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: 'Past this instant the token no longer authenticates; null: never expires.',
  })
  expiresAt: Date | null;

  @Field(() => Date, { nullable: true })
  revokedAt: Date | null;
}

@ObjectType()
export class CreatedApiToken {
  @Field({ description: 'The secret: store it now, it cannot be shown again.' })
  token: string;

  @Field(() => ApiToken)
  apiToken: ApiToken;
}
