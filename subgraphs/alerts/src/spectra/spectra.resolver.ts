import { FieldResolver, Resolver, Root } from 'type-graphql';
import { DiaObject } from '../dia-object/dia-object.type.js';
import type { SpectraService } from './spectra.service.js';
import { SpectraStatus } from './spectra.type.js';

/** DiaObject.spectra: the follow-up status the TOM's spectra endpoints write. */
@Resolver(() => DiaObject)
export class SpectraResolver {
  constructor(private readonly service: SpectraService) {}

  @FieldResolver(() => SpectraStatus, {
    description:
      'Follow-up spectroscopy of this object: who wants a spectrum, who plans one, what was found.',
  })
  spectra(@Root() object: DiaObject): Promise<SpectraStatus> {
    return this.service.ofObject(BigInt(object.id));
  }
}
