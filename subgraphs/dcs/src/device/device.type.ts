import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { DeviceKind } from './device-kind.js';

@ObjectType({
  description: 'A device of the test stand: the chiller, a power-supply channel or an environment sensor.',
})
@Directive('@key(fields: "id")')
export class Device {
  @Field(() => ID, { description: 'Stable id, e.g. `julabo`, `module-1/hv`, `ESP01`.' })
  id: string;

  @Field()
  name: string;

  @Field(() => DeviceKind)
  kind: DeviceKind;

  @Field({ description: 'The state of its FSM, e.g. DISCONNECTED, OFF, ON, LV_ON, HV_RAMP, ERROR.' })
  state: string;

  @Field({ description: 'Whether it reported within its expected interval.' })
  online: boolean;

  @Field(() => Date, { nullable: true, description: 'When it last reported; null if never.' })
  lastSeenAt: Date | null;

  @Field(() => String, {
    nullable: true,
    description: 'On `deviceStateChanged` only: the event id, pass it as `after` to resume.',
  })
  eventId?: string | null;
}
