import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';

export enum Role {
  VIEWER = 'VIEWER',
  OPERATOR = 'OPERATOR',
  ADMIN = 'ADMIN',
}
registerEnumType(Role, {
  name: 'Role',
  description:
    'VIEWER reads; OPERATOR also commands devices, reviews and assigns; ADMIN also manages users, tokens and queues.',
});

@ObjectType({ description: 'A person or script account of the hub.' })
@Directive('@key(fields: "id")')
export class User {
  @Field(() => ID)
  id: string;

  @Field()
  username: string;

  @Field(() => [Role])
  roles: Role[];

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  disabledAt: Date | null;
}
