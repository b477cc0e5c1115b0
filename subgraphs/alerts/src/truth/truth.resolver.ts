import { FieldResolver, Resolver, Root } from 'type-graphql';
import { DiaObject } from '../dia-object/dia-object.type.js';
import type { TruthService } from './truth.service.js';
import { ObjectTruth } from './truth.type.js';

/** DiaObject.truth: the simulation's truth of the object, where its alert source sent it. */
@Resolver(() => DiaObject)
export class TruthResolver {
  constructor(private readonly service: TruthService) {}

  @FieldResolver(() => ObjectTruth, {
    nullable: true,
    description: 'What the simulation put in (class, redshift, peak); null when no truth was received.',
  })
  truth(@Root() object: DiaObject): Promise<ObjectTruth | null> {
    return this.service.ofObject(BigInt(object.id));
  }
}
