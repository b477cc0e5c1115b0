import { ArgsType, Field, Int, ObjectType } from 'type-graphql';
import { Executive, OusState } from './ous-state.js';

@ObjectType({ description: 'How many ObsUnitSets are in one state.' })
export class OusStateCount {
  @Field(() => OusState)
  state: OusState;

  @Field(() => Int)
  count: number;
}

@ArgsType()
export class ObsUnitSetCountsArgs {
  @Field(() => Executive, { nullable: true })
  executive?: Executive;

  @Field(() => String, { nullable: true, description: 'Only OUSs of this programme.' })
  programId?: string;
}
