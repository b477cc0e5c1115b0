import { ArgsType, Field, ID } from 'type-graphql';
import { PageArgs } from '@opshub/subgraph-kit';
import { Executive, OusState } from './ous-state.js';

@ArgsType()
export class ObsUnitSetsArgs extends PageArgs {
  @Field(() => OusState, { nullable: true })
  state?: OusState;

  @Field(() => Executive, { nullable: true })
  executive?: Executive;

  @Field(() => String, { nullable: true })
  programId?: string;
}

@ArgsType()
export class CreateObsUnitSetArgs {
  @Field({ description: 'ObsProgram code, e.g. 2015.1.00657.S' })
  programId: string;

  @Field(() => ID, { description: 'OUS status entity id, e.g. uid://X1/X1/Xb0' })
  id: string;
}

@ArgsType()
export class OusStateChangedArgs {
  @Field(() => ID, { nullable: true, description: 'Only this OUS (its page follows it alone).' })
  ousId?: string;

  @Field(() => String, { nullable: true, description: 'Only OUSs of this programme.' })
  programId?: string;

  @Field(() => OusState, { nullable: true, description: 'Only transitions into this state.' })
  state?: OusState;

  @Field(() => String, {
    nullable: true,
    description: 'Resume after this eventId: missed events are replayed first.',
  })
  after?: string;
}

export const OUS_ID = /^uid:\/\/[A-Za-z0-9]+\/[A-Za-z0-9]+\/[A-Za-z0-9]+$/;
export const PROGRAM_ID = /^\d{4}\.\d\.\d{5}\.[A-Z]+$/;
