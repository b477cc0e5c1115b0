import type { ConnectionShape } from '@opshub/subgraph-kit';
import { Args, FieldResolver, Resolver, Root } from 'type-graphql';
import { DiaObject } from '../dia-object/dia-object.type.js';
import type { DiaSourceService } from './dia-source.service.js';
import {
  DiaForcedSourceConnection,
  DiaSourceConnection,
  SourcesArgs,
  type DiaForcedSource,
  type DiaSource,
} from './dia-source.type.js';

@Resolver(() => DiaObject)
export class DiaSourceResolver {
  constructor(private readonly sources: DiaSourceService) {}

  @FieldResolver(() => DiaSourceConnection, { name: 'sources', description: 'Its detections in time order.' })
  detections(@Root() object: DiaObject, @Args() args: SourcesArgs): Promise<ConnectionShape<DiaSource>> {
    return this.sources.sources(object.id, args, args.filterName);
  }

  @FieldResolver(() => DiaForcedSourceConnection, { description: 'Its forced photometry in time order.' })
  forcedSources(
    @Root() object: DiaObject,
    @Args() args: SourcesArgs,
  ): Promise<ConnectionShape<DiaForcedSource>> {
    return this.sources.forced(object.id, args, args.filterName);
  }
}
