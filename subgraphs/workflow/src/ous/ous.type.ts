import { Connection } from '@opshub/subgraph-kit';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { OusTransition } from '../transition/transition.type.js';
import { Executive, OusState } from './ous-state.js';

@ObjectType({ description: 'An ALMA ObsUnitSet: the unit of data reduction, review and delivery.' })
@Directive('@key(fields: "id")')
export class ObsUnitSet {
  @Field(() => ID, { description: 'The OUS status entity id, e.g. uid://X1/X1/Xb0.' })
  id: string;

  @Field({ description: 'The ObsProgram, e.g. 2015.1.00657.S.' })
  programId: string;

  @Field(() => OusState)
  state: OusState;

  @Field(() => String, {
    nullable: true,
    description: 'Recipe while ReadyForProcessing, ingestion step while delivering.',
  })
  substate: string | null;

  @Field(() => Executive, { nullable: true })
  executive: Executive | null;

  @Field(() => String, { nullable: true })
  recipe: string | null;

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;

  @Field(() => [OusTransition], { description: 'Every transition, oldest first.' })
  history: OusTransition[];
}

@ObjectType({ description: 'A committed transition, as delivered to subscribers.' })
export class OusTransitionEvent {
  @Field({ description: 'Pass it as `after` to resume from here after a reconnect.' })
  eventId: string;

  @Field(() => ObsUnitSet, { description: 'The OUS as it was right after this transition.' })
  ous: ObsUnitSet;

  @Field(() => OusTransition)
  transition: OusTransition;
}

export const ObsUnitSetConnection = Connection(ObsUnitSet, 'ObsUnitSet');
