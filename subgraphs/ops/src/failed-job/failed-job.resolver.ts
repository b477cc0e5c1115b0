import { PageArgs, type ConnectionShape } from '@opshub/subgraph-kit';
import { Args, FieldResolver, Resolver, Root } from 'type-graphql';
import type { QueueRef } from '../queue/queue.service.js';
import { Queue } from '../queue/queue.type.js';
import type { FailedJobService } from './failed-job.service.js';
import { FailedJob, FailedJobConnection } from './failed-job.type.js';

/** `Queue.failedJobs`: read from ops.failed_job, where the workers record jobs out of retries. */
@Resolver(() => Queue)
export class FailedJobResolver {
  constructor(private readonly failed: FailedJobService) {}

  @FieldResolver(() => FailedJobConnection, {
    description: 'Jobs that failed after their last retry, newest first.',
  })
  failedJobs(@Root() queue: QueueRef, @Args() args: PageArgs): Promise<ConnectionShape<FailedJob>> {
    return this.failed.page(queue.name, args);
  }
}
