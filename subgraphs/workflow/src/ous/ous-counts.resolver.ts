import { Args, Authorized, Query, Resolver } from 'type-graphql';
import type { OusService } from './ous.service.js';
import { ObsUnitSetCountsArgs, OusStateCount } from './ous-counts.type.js';

@Resolver()
export class OusCountsResolver {
  constructor(private readonly ous: OusService) {}

  @Authorized()
  @Query(() => [OusStateCount], {
    description:
      'The number of ObsUnitSets in every state (zeros included, lifecycle order), with the same filters as `obsUnitSets`.',
  })
  obsUnitSetCounts(@Args() args: ObsUnitSetCountsArgs): Promise<OusStateCount[]> {
    return this.ous.countsByState(args);
  }
}
