import { Field, InputType } from 'type-graphql';
import { Role } from './user.type.js';

@InputType()
export class CreateUserInput {
  @Field()
  username: string;

  @Field()
  password: string;

  @Field(() => [Role])
  roles: Role[];
}
