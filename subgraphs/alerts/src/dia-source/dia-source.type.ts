import { Connection, PageArgs } from '@opshub/subgraph-kit';
import { ArgsType, Field, Float, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A detection of an object (elasticc.v0_9_1.diaSource).' })
export class DiaSource {
  @Field(() => ID, { description: 'The 64-bit diaSourceId, as a decimal string.' })
  id: string;

  @Field(() => ID, { description: 'The 64-bit diaObjectId of its object.' })
  diaObjectId: string;

  @Field(() => Float, { description: 'Mid-exposure time, MJD (TAI).' })
  midPointTai: number;

  @Field({ description: 'Band: u g r i z Y.' })
  filterName: string;

  @Field(() => Float, { description: 'Right ascension, degrees.' })
  ra: number;

  @Field(() => Float, { description: 'Declination, degrees.' })
  decl: number;

  @Field(() => Float, { description: 'PSF flux, nJy.' })
  psFlux: number;

  @Field(() => Float, { description: 'Its uncertainty, nJy.' })
  psFluxErr: number;

  @Field(() => Float, { description: 'Signal to noise of the detection.' })
  snr: number;
}

@ObjectType({ description: "Forced photometry at an object's position (elasticc.v0_9_1.diaForcedSource)." })
export class DiaForcedSource {
  @Field(() => ID, { description: 'The 64-bit diaForcedSourceId, as a decimal string.' })
  id: string;

  @Field(() => ID, { description: 'The 64-bit diaObjectId of its object.' })
  diaObjectId: string;

  @Field(() => Float, { description: 'Mid-exposure time, MJD (TAI).' })
  midPointTai: number;

  @Field({ description: 'Band: u g r i z Y.' })
  filterName: string;

  @Field(() => Float, { description: 'PSF flux, nJy.' })
  psFlux: number;

  @Field(() => Float, { description: 'Its uncertainty, nJy.' })
  psFluxErr: number;
}

export const DiaSourceConnection = Connection(DiaSource, 'DiaSource');
export const DiaForcedSourceConnection = Connection(DiaForcedSource, 'DiaForcedSource');

@ArgsType()
export class SourcesArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'Only this band (u g r i z Y).' })
  filterName?: string | null;
}
