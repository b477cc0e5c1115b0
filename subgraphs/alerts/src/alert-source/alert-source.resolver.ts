import type { SubgraphContext } from '@opshub/subgraph-kit';
import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { AlertSourceService } from './alert-source.service.js';
import { AlertSource } from './alert-source.type.js';

@Resolver(() => AlertSource)
export class AlertSourceResolver {
  constructor(private readonly sources: AlertSourceService) {}

  @Authorized('ADMIN')
  @Query(() => [AlertSource], { description: 'The alert sources the workers pull (their URLs name hosts).' })
  alertSources(): Promise<AlertSource[]> {
    return this.sources.list();
  }

  @Authorized('ADMIN')
  @Mutation(() => AlertSource, {
    description:
      'Registers an HTTP endpoint serving alert batches (idempotent by URL); pulled from its start.',
  })
  addAlertSource(@Arg('url') url: string, @Ctx() ctx: SubgraphContext): Promise<AlertSource> {
    return this.sources.add(url, ctx);
  }

  @Authorized('ADMIN')
  @Mutation(() => Boolean, { description: 'False when unknown. The alerts it brought stay.' })
  removeAlertSource(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<boolean> {
    return this.sources.remove(id, ctx);
  }
}
