import { PageArgs, type ConnectionShape } from '@opshub/subgraph-kit';
import { Args, Authorized, FieldResolver, Resolver, Root } from 'type-graphql';
import type { QueueRef } from '../queue/queue.service.js';
import { Queue } from '../queue/queue.type.js';
import type { FailedJobService } from './failed-job.service.js';
import { FailedJob, FailedJobConnection } from './failed-job.type.js';

/** `Queue.failedJobs`: read from ops.failed_job, where the workers record jobs out of retries. */
@Resolver(() => Queue)
export class FailedJobResolver {
  constructor(private readonly failed: FailedJobService) {}

  // Failure reasons quote raw driver errors (hosts, addresses, SQL): the record is for ADMINs. Nullable
  // so that a VIEWER selecting it gets FORBIDDEN for this field, not a null `queues`.
  @Authorized('ADMIN')
  @FieldResolver(() => FailedJobConnection, {
    nullable: true,
    description: 'Jobs that failed after their last retry, newest first. ADMIN only.',
  })
  failedJobs(@Root() queue: QueueRef, @Args() args: PageArgs): Promise<ConnectionShape<FailedJob>> {
    return this.failed.page(queue.name, args);
  }
}
