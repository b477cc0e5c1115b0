import type { SubgraphContext } from '@opshub/subgraph-kit';
import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { BrokerSourceService } from './broker-source.service.js';
import { BrokerSource } from './broker-source.type.js';

@Resolver(() => BrokerSource)
export class BrokerSourceResolver {
  constructor(private readonly sources: BrokerSourceService) {}

  @Authorized('ADMIN')
  @Query(() => [BrokerSource], { description: 'The brokers the workers pull classifications from.' })
  brokerSources(): Promise<BrokerSource[]> {
    return this.sources.list();
  }

  @Authorized('ADMIN')
  @Mutation(() => BrokerSource, {
    description:
      'Registers a broker serving classification records after a cursor (idempotent by URL); pulled from its start.',
  })
  addBrokerSource(
    @Arg('url') url: string,
    @Arg('name') name: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<BrokerSource> {
    return this.sources.add(url, name, ctx);
  }

  @Authorized('ADMIN')
  @Mutation(() => Boolean, { description: 'False when unknown. The classifications it brought stay.' })
  removeBrokerSource(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<boolean> {
    return this.sources.remove(id, ctx);
  }
}
