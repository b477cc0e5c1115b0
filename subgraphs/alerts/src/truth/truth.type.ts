import { Field, Float, Int, ObjectType } from 'type-graphql';

@ObjectType({
  description:
    'What the simulation put in for an object (DiaObjectTruth, served beside its alerts): its class, redshift and peak. Null where unknown.',
})
export class ObjectTruth {
  @Field(() => Int, { description: 'The simulation gentype.' })
  gentype: number;

  @Field(() => Int, {
    nullable: true,
    description: 'The taxonomy class of the gentype; null when the taxonomy does not map it.',
  })
  classId: number | null;

  @Field(() => String, { nullable: true, description: "That class's name (`Ia`, `SN-like/Other`…)." })
  className: string | null;

  @Field(() => Float, { nullable: true, description: 'CMB-frame redshift.' })
  zcmb: number | null;

  @Field(() => Float, { nullable: true, description: 'Heliocentric redshift.' })
  zhelio: number | null;

  @Field(() => Float, { nullable: true, description: 'MJD of the peak.' })
  peakMjd: number | null;

  @Field(() => [PeakMagnitude], { description: 'Peak magnitude per band (u g r i z Y), the bands known.' })
  peakMags: PeakMagnitude[];

  @Field(() => Float, { nullable: true, description: 'Distance modulus.' })
  mu: number | null;

  @Field(() => Float, { nullable: true, description: 'Highest S/N of its detections.' })
  snrmax: number | null;

  @Field(() => Int, { nullable: true, description: 'Observations simulated.' })
  nobs: number | null;
}

@ObjectType({ description: 'A peak magnitude in one band.' })
export class PeakMagnitude {
  @Field({ description: 'Band: u g r i z Y.' })
  filterName: string;

  @Field(() => Float)
  mag: number;
}
