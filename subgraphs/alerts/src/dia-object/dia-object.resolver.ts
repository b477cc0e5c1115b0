import type { ConnectionShape } from '@opshub/subgraph-kit';
import { Args, Authorized, Query, Resolver } from 'type-graphql';
import { ConeSearchArgs, DiaObjectArgs, DiaObjectsArgs } from './dia-object.input.js';
import type { DiaObjectService } from './dia-object.service.js';
import { ConeSearchHit, DiaObject, DiaObjectConnection } from './dia-object.type.js';

@Resolver(() => DiaObject)
export class DiaObjectResolver {
  constructor(private readonly objects: DiaObjectService) {}

  @Authorized()
  @Query(() => DiaObject, { nullable: true, description: 'One object by diaObjectId; null when unknown.' })
  diaObject(@Args() { id }: DiaObjectArgs): Promise<DiaObject | null> {
    return this.objects.byId(id);
  }

  @Authorized()
  @Query(() => DiaObjectConnection, { description: 'Objects in ascending diaObjectId order.' })
  diaObjects(@Args() args: DiaObjectsArgs): Promise<ConnectionShape<DiaObject>> {
    return this.objects.page(args, args.filter ?? {});
  }

  @Authorized()
  @Query(() => [ConeSearchHit], { description: 'Objects within a radius of a position, nearest first.' })
  coneSearch(@Args() { ra, dec, radiusArcsec, first }: ConeSearchArgs): Promise<ConeSearchHit[]> {
    return this.objects.coneSearch(ra, dec, radiusArcsec, first ?? undefined);
  }
}
