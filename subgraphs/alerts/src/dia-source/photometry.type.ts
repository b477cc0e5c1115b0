import { Field, Float, ID, ObjectType } from 'type-graphql';

/** A class a mixin extends; TypeScript's mixin rule (TS2545) wants exactly `any[]` here. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ObjectTypeClass = abstract new (...args: any[]) => object;

/**
 * Adds the flux fields every photometry point has (DiaSource, DiaForcedSource, LightCurvePoint) to a
 * base holding the point's identity, so that in the SDL they follow the identity fields.
 */
export function withFlux<TBase extends ObjectTypeClass>(Base: TBase) {
  // Not reachable from any field, so not in the SDL: only its fields are, on the classes extending it.
  @ObjectType(`${Base.name}Flux`)
  abstract class Flux extends Base {
    @Field({ description: 'Band: u g r i z Y.' })
    filterName: string;

    @Field(() => Float, { description: 'PSF flux, nJy.' })
    psFlux: number;

    @Field(() => Float, { description: 'Its uncertainty, nJy.' })
    psFluxErr: number;
  }
  return Flux;
}

/** What identifies a detection or a forced measurement; each type describes its own `id`. */
@ObjectType()
export abstract class SourceKey {
  @Field(() => ID)
  id: string;

  @Field(() => ID, { description: 'The 64-bit diaObjectId of its object.' })
  diaObjectId: string;

  @Field(() => Float, { description: 'Mid-exposure time, MJD (TAI).' })
  midPointTai: number;
}

/** A detection's or forced measurement's fields: its identity, then its flux. */
@ObjectType()
export abstract class SourceFields extends withFlux(SourceKey) {}
