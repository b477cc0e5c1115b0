import { AlarmSeverity } from '@opshub/db/enums';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';

// The database enum, registered as it is: its keys are the API's names.
export { AlarmSeverity };
registerEnumType(AlarmSeverity, { name: 'AlarmSeverity' });

/** The ops subgraph's User, referenced by id; the gateway fetches its other fields from ops. */
@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class User {
  @Field(() => ID)
  id: string;
}

@ObjectType({
  description:
    'An alarm: raised by a rule, cleared when its condition goes away, acknowledged by an operator.',
})
export class Alarm {
  @Field(() => ID)
  id: string;

  @Field({
    description:
      'The rule that raised it, e.g. `threshold:chiller-bath-high`, `device-error`, `interlock:chiller-on`.',
  })
  rule: string;

  @Field(() => ID, { nullable: true })
  deviceId: string | null;

  @Field(() => AlarmSeverity)
  severity: AlarmSeverity;

  @Field()
  message: string;

  @Field({ description: 'Raised and not cleared yet.' })
  active: boolean;

  @Field()
  raisedAt: Date;

  @Field(() => Date, { nullable: true })
  clearedAt: Date | null;

  @Field(() => Date, { nullable: true })
  acknowledgedAt: Date | null;

  @Field(() => User, { nullable: true })
  acknowledgedBy: User | null;

  @Field(() => String, {
    nullable: true,
    description: 'On `alarmRaised` only: the event id, pass it as `after` to resume.',
  })
  eventId?: string | null;
}
