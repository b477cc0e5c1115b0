import { Role } from '@opshub/db/enums';
import { Directive, Field, ID, ObjectType, registerEnumType, UseMiddleware } from 'type-graphql';
import { adminOrSelf } from './user.field-auth.js';

// The database enum, registered as it is: its keys are the API's names.
export { Role };
registerEnumType(Role, {
  name: 'Role',
  description:
    "VIEWER reads; OPERATOR also commands devices, reviews and assigns; ADMIN also manages users, tokens and queues. BROKER (a broker's account) submits classifications and SQL runs read-only SQL on the alerts schema: each is held beside a ranked role, and ADMIN has both.",
});

@ObjectType({ description: 'A person or script account of the hub.' })
@Directive('@key(fields: "id")')
export class User {
  @Field(() => ID)
  id: string;

  @Field()
  username: string;

  @Field(() => [Role], { description: 'Readable by an ADMIN and by the user themself.' })
  @UseMiddleware(adminOrSelf)
  roles: Role[];

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true, description: 'Readable by an ADMIN and by the user themself.' })
  @UseMiddleware(adminOrSelf)
  disabledAt: Date | null;
}
