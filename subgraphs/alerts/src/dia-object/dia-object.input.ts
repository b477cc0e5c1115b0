import { PageArgs } from '@opshub/subgraph-kit';
import { ArgsType, Field, Float, ID, InputType, Int } from 'type-graphql';

@InputType({ description: 'An inclusive MJD range; either end may be left open.' })
export class MjdRange {
  @Field(() => Float, { nullable: true, description: 'From this MJD (TAI), inclusive.' })
  from?: number | null;

  @Field(() => Float, { nullable: true, description: 'Up to this MJD (TAI), inclusive.' })
  to?: number | null;
}

@InputType({ description: 'Every given condition must hold.' })
export class DiaObjectFilter {
  @Field(() => Boolean, {
    nullable: true,
    description: 'Only objects in (true) or outside (false) deep drilling fields.',
  })
  isddf?: boolean;

  @Field(() => Float, {
    nullable: true,
    description: 'Lowest ra, degrees. With raMin > raMax the range wraps across ra = 0.',
  })
  raMin?: number;

  @Field(() => Float, { nullable: true, description: 'Highest ra, degrees.' })
  raMax?: number;

  @Field(() => Float, { nullable: true, description: 'Lowest declination, degrees.' })
  declMin?: number;

  @Field(() => Float, { nullable: true, description: 'Highest declination, degrees.' })
  declMax?: number;

  @Field(() => Int, { nullable: true, description: 'At least this many detections.' })
  minDetections?: number | null;

  @Field(() => Int, { nullable: true, description: 'At most this many detections.' })
  maxDetections?: number | null;

  @Field(() => MjdRange, { nullable: true, description: 'First detection within this range.' })
  firstDetectionMjd?: MjdRange | null;

  @Field(() => MjdRange, { nullable: true, description: 'Last detection within this range.' })
  lastDetectionMjd?: MjdRange | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'Only objects this classifier classified (its latest message per object, as every classification filter).',
  })
  classifierId?: string | null;

  @Field(() => Int, { nullable: true, description: 'Only objects given this taxonomy class.' })
  classId?: number | null;

  @Field(() => Float, {
    nullable: true,
    description: "With classId, that class's probability at least this; without, the most probable class's.",
  })
  minProbability?: number | null;
}

@ArgsType()
export class DiaObjectsArgs extends PageArgs {
  @Field(() => DiaObjectFilter, { nullable: true })
  filter?: DiaObjectFilter;
}

@ArgsType()
export class DiaObjectArgs {
  @Field(() => ID, { description: 'The diaObjectId.' })
  id: string;
}

@ArgsType()
export class ConeSearchArgs {
  @Field(() => Float, { description: 'Centre right ascension, degrees in [0, 360).' })
  ra: number;

  @Field(() => Float, { description: 'Centre declination, degrees in [-90, 90].' })
  dec: number;

  @Field(() => Float, { description: 'Radius in arcseconds, at most 3600 (1 degree).' })
  radiusArcsec: number;

  @Field(() => Int, {
    nullable: true,
    description: 'At most this many hits, nearest first (1–1000, default 100).',
  })
  first?: number;
}

/** What alert ingest and the seed write: one object, position in degrees. */
export interface DiaObjectInput {
  id: bigint | string;
  ra: number;
  decl: number;
  mwebv?: number | null;
  isddf?: boolean;
}
