import { loaderFor, type SubgraphContext } from '@opshub/subgraph-kit';
import type { GraphQLResolveInfo } from 'graphql';
import { Authorized, Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import { DiaSource } from '../dia-source/dia-source.type.js';
import type { SourceTruthService } from './source-truth.service.js';
import { SourceTruth } from './source-truth.type.js';

/** DiaSource.truth: the simulation's truth of a detection, one query for all the sources of a request. */
@Resolver(() => DiaSource)
export class SourceTruthResolver {
  constructor(private readonly service: SourceTruthService) {}

  @Authorized('VIEWER')
  @FieldResolver(() => SourceTruth, {
    nullable: true,
    description: 'What the simulation put in (class, true magnitude); null when no truth was received.',
  })
  async truth(
    @Root() source: DiaSource,
    @Ctx() ctx: SubgraphContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<SourceTruth | null> {
    const loader = loaderFor(ctx, info, 'source-truth', (ids: string[]) => this.service.bySourceIds(ids));
    return (await loader.load(source.id)) ?? null;
  }
}
