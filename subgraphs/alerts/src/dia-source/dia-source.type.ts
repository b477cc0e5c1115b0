import { Connection, PageArgs } from '@opshub/subgraph-kit';
import { ArgsType, Field, Float, ID, ObjectType } from 'type-graphql';
import { SourceFields } from './photometry.type.js';

@ObjectType({ description: 'A detection of an object (elasticc.v0_9_1.diaSource).' })
export class DiaSource extends SourceFields {
  @Field(() => ID, { description: 'The 64-bit diaSourceId, as a decimal string.' })
  declare id: string;

  @Field(() => Float, { description: 'Right ascension, degrees.' })
  ra: number;

  @Field(() => Float, { description: 'Declination, degrees.' })
  decl: number;

  @Field(() => Float, { description: 'Signal to noise of the detection.' })
  snr: number;
}

@ObjectType({ description: "Forced photometry at an object's position (elasticc.v0_9_1.diaForcedSource)." })
export class DiaForcedSource extends SourceFields {
  @Field(() => ID, { description: 'The 64-bit diaForcedSourceId, as a decimal string.' })
  declare id: string;
}

export const DiaSourceConnection = Connection(DiaSource, 'DiaSource');
export const DiaForcedSourceConnection = Connection(DiaForcedSource, 'DiaForcedSource');

@ArgsType()
export class SourcesArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'Only this band (u g r i z Y).' })
  filterName?: string | null;
}
