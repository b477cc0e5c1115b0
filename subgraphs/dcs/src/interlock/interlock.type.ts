import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType({
  description: 'A cross-device interlock: while it is not ok, HV may not switch on and is ramped down if on.',
})
export class Interlock {
  @Field(() => ID)
  id: string;

  @Field()
  description: string;

  @Field({ description: 'Whether it is satisfied now.' })
  ok: boolean;

  @Field(() => String, { nullable: true, description: 'Why it is not ok.' })
  reason: string | null;
}
