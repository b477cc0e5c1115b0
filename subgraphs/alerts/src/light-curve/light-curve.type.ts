import { ArgsType, Field, Float, ID, ObjectType } from 'type-graphql';

/**
 * One point, its fields read as plain properties (simpleResolvers: no middleware per field, hundreds of points
 * per curve). The flux fields say what DiaSource's say (dia-source/photometry.type.ts).
 */
@ObjectType({
  description: 'One photometry point: a detection or a forced measurement.',
  simpleResolvers: true,
})
export class LightCurvePoint {
  @Field(() => ID, { description: 'The diaSourceId or diaForcedSourceId (64-bit, decimal).' })
  sourceId: string;

  @Field(() => Float, { description: 'MJD (TAI).' })
  mjd: number;

  @Field({ description: 'Band: u g r i z Y.' })
  filterName: string;

  @Field(() => Float, { description: 'PSF flux, nJy.' })
  psFlux: number;

  @Field(() => Float, { description: 'Its uncertainty, nJy.' })
  psFluxErr: number;

  @Field({ description: 'Forced photometry (true) or a detection (false).' })
  forced: boolean;
}

@ObjectType({
  description: 'The same points as parallel arrays (compact for plots), index i is one point.',
  simpleResolvers: true,
})
export class LightCurveColumns {
  @Field(() => [ID])
  sourceId: string[];

  @Field(() => [Float])
  mjd: number[];

  @Field(() => [String])
  filterName: string[];

  @Field(() => [Float])
  psFlux: number[];

  @Field(() => [Float])
  psFluxErr: number[];

  @Field(() => [Boolean])
  forced: boolean[];
}

@ObjectType({
  description: "An object's photometry in time order (detections and forced photometry).",
  simpleResolvers: true,
})
export class LightCurve {
  @Field(() => [LightCurvePoint], { description: 'One row per point.' })
  points: LightCurvePoint[];

  @Field(() => LightCurveColumns, { description: 'The same points, columnar.' })
  columns: LightCurveColumns;
}

@ArgsType()
export class LightCurveArgs {
  @Field(() => [String], { nullable: true, description: 'Only these bands (u g r i z Y); default all.' })
  filterNames?: string[] | null;

  @Field(() => Float, { nullable: true, description: 'Only points at or after this MJD (TAI).' })
  sinceMjd?: number | null;

  @Field(() => Boolean, { nullable: true, description: 'Include detections (default true).' })
  detections?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Include forced photometry (default true).' })
  forcedPhotometry?: boolean | null;
}
