import { PageArgs, type ConnectionShape } from '@opshub/subgraph-kit';
import { Args, Authorized, Query, Resolver } from 'type-graphql';
import type { QuarantineService } from './quarantine.service.js';
import { AlertQuarantined, AlertQuarantinedConnection } from './quarantine.type.js';

@Resolver(() => AlertQuarantined)
export class QuarantineResolver {
  constructor(private readonly quarantine: QuarantineService) {}

  @Authorized('ADMIN')
  @Query(() => AlertQuarantinedConnection, {
    description: 'Every record and file alert ingest refused, with its reason, newest first.',
  })
  alertQuarantine(@Args() args: PageArgs): Promise<ConnectionShape<AlertQuarantined>> {
    return this.quarantine.page(args);
  }
}
