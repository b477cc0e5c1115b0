import { Field, ObjectType } from 'type-graphql';
import { OusState } from '../ous/ous-state.js';
import { User } from './user.type.js';

@ObjectType({ description: 'One move of an ObsUnitSet, with who made it and why.' })
export class OusTransition {
  @Field(() => OusState, { nullable: true, description: 'Null for the creation.' })
  from: OusState | null;

  @Field(() => OusState)
  to: OusState;

  @Field(() => String, { nullable: true })
  substate: string | null;

  @Field()
  at: Date;

  @Field(() => User, { nullable: true, description: 'Null for moves made by the system without a user.' })
  actor: User | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The system actor (batch-helper, pipeline-driver, product-ingestor, data-tracker, …) when no user moved it.',
  })
  systemActor: string | null;

  @Field(() => String, { nullable: true })
  reason: string | null;
}
