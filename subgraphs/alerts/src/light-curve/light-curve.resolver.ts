import { Args, FieldResolver, Resolver, Root } from 'type-graphql';
import { DiaObject } from '../dia-object/dia-object.type.js';
import type { LightCurveService } from './light-curve.service.js';
import { LightCurve, LightCurveArgs } from './light-curve.type.js';

@Resolver(() => DiaObject)
export class LightCurveResolver {
  constructor(private readonly curves: LightCurveService) {}

  @FieldResolver(() => LightCurve, {
    description: 'Detections and forced photometry in time order, as rows and as columns.',
  })
  lightCurve(@Root() object: DiaObject, @Args() args: LightCurveArgs): Promise<LightCurve> {
    return this.curves.of(object.id, args);
  }
}
