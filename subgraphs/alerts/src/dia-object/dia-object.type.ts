import { Connection } from '@opshub/subgraph-kit';
import { Directive, Field, Float, ID, ObjectType } from 'type-graphql';

@ObjectType({
  description: 'An LSST DIA object: a position on the sky where sources were detected (ELAsTiCC naming).',
})
@Directive('@key(fields: "id")')
export class DiaObject {
  @Field(() => ID, { description: 'The 64-bit diaObjectId, as a decimal string.' })
  id: string;

  @Field(() => Float, { description: 'Right ascension, degrees in [0, 360).' })
  ra: number;

  @Field(() => Float, { description: 'Declination, degrees in [-90, 90].' })
  decl: number;

  @Field(() => Float, { nullable: true, description: 'Milky Way E(B-V) along the line of sight.' })
  mwebv: number | null;

  @Field({ description: 'Whether the object lies in a deep drilling field.' })
  isddf: boolean;
}

@ObjectType({ description: 'One object found by a cone search.' })
export class ConeSearchHit {
  @Field(() => DiaObject)
  object: DiaObject;

  @Field(() => Float, { description: 'Angular distance from the search centre, arcseconds.' })
  separationArcsec: number;
}

export const DiaObjectConnection = Connection(DiaObject, 'DiaObject');
