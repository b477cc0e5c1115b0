import { Field, Float, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A host galaxy candidate of an object (ELAsTiCC hostgal_* / hostgal2_* fields).' })
export class HostGalaxy {
  @Field(() => Float, { nullable: true, description: 'Ellipticity.' })
  ellipticity: number | null;

  @Field(() => Float, { nullable: true, description: 'Squared radius, arcsec².' })
  sqradius: number | null;

  @Field(() => Float, { nullable: true, description: 'Spectroscopic redshift.' })
  zspec: number | null;

  @Field(() => Float, { nullable: true, description: 'Its uncertainty.' })
  zspecErr: number | null;

  @Field(() => Float, { nullable: true, description: 'Photometric redshift.' })
  zphot: number | null;

  @Field(() => Float, { nullable: true, description: 'Its uncertainty.' })
  zphotErr: number | null;

  @Field(() => Float, { nullable: true, description: 'Magnitude in u.' })
  magU: number | null;

  @Field(() => Float, { nullable: true, description: 'Magnitude in g.' })
  magG: number | null;

  @Field(() => Float, { nullable: true, description: 'Magnitude in r.' })
  magR: number | null;

  @Field(() => Float, { nullable: true, description: 'Magnitude in i.' })
  magI: number | null;

  @Field(() => Float, { nullable: true, description: 'Magnitude in z.' })
  magZ: number | null;

  @Field(() => Float, { nullable: true, description: 'Magnitude in Y.' })
  magY: number | null;

  @Field(() => Float, { nullable: true, description: 'Magnitude uncertainty in u.' })
  magerrU: number | null;

  @Field(() => Float, { nullable: true, description: 'Magnitude uncertainty in g.' })
  magerrG: number | null;

  @Field(() => Float, { nullable: true, description: 'Magnitude uncertainty in r.' })
  magerrR: number | null;

  @Field(() => Float, { nullable: true, description: 'Magnitude uncertainty in i.' })
  magerrI: number | null;

  @Field(() => Float, { nullable: true, description: 'Magnitude uncertainty in z.' })
  magerrZ: number | null;

  @Field(() => Float, { nullable: true, description: 'Magnitude uncertainty in Y.' })
  magerrY: number | null;

  @Field(() => Float, { nullable: true, description: 'Right ascension, degrees.' })
  ra: number | null;

  @Field(() => Float, { nullable: true, description: 'Declination, degrees.' })
  dec: number | null;

  @Field(() => Float, { nullable: true, description: 'Separation from the transient, arcseconds.' })
  snsep: number | null;

  @Field(() => [Float], {
    nullable: 'items',
    description: 'Photometric redshift quantiles q000, q010 … q100 (11 values, null where unknown).',
  })
  zphotQuantiles: (number | null)[];
}
