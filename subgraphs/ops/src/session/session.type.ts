import { Field, ObjectType } from 'type-graphql';
import { User } from '../user/user.type.js';

@ObjectType({ description: 'A signed-in session: send `Authorization: Bearer <token>`.' })
export class Session {
  @Field()
  token: string;

  @Field()
  expiresAt: Date;

  @Field(() => User)
  user: User;
}
