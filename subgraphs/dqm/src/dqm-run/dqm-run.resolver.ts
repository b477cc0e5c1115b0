import type { ConnectionShape } from '@opshub/subgraph-kit';
import { Args, Authorized, Query, Resolver } from 'type-graphql';
import { DqmRunArgs, DqmRunsArgs } from './dqm-run.input.js';
import type { DqmRunService } from './dqm-run.service.js';
import { DqmRun, DqmRunConnection } from './dqm-run.type.js';

@Resolver(() => DqmRun)
export class DqmRunResolver {
  constructor(private readonly service: DqmRunService) {}

  @Authorized()
  @Query(() => DqmRunConnection, {
    description:
      'Processed runs, newest first; filtered by camera, run range and bad pixels (totalCount counts the filtered runs).',
  })
  dqmRuns(@Args() args: DqmRunsArgs): Promise<ConnectionShape<DqmRun>> {
    return this.service.page(args);
  }

  @Authorized()
  @Query(() => DqmRun, { nullable: true, description: 'One run; null when unknown.' })
  dqmRun(@Args() { camera, runNumber }: DqmRunArgs): Promise<DqmRun | null> {
    return this.service.byKey(camera, runNumber);
  }
}
