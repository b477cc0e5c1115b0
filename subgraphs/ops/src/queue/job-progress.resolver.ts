import { subscribeOn } from '@opshub/subgraph-kit';
import { Arg, Authorized, ID, Resolver, Root, Subscription } from 'type-graphql';
import { JobEvent } from './job-event.type.js';
import { requireQueues } from './queue.resolver.js';
import type { QueueService } from './queue.service.js';

interface JobProgressArgs {
  queue?: string | null;
  id?: string | null;
}

@Resolver(() => JobEvent)
export class JobProgressResolver {
  constructor(private readonly queues: QueueService | undefined) {}

  @Authorized()
  @Subscription(() => JobEvent, {
    description: 'Job events from BullMQ: of one queue or all, of one job or every job.',
    subscribe: subscribeOn(
      () => JobProgressResolver,
      (resolver, args: JobProgressArgs) => resolver.events(args),
    ),
  })
  jobProgress(
    @Root() event: JobEvent,
    @Arg('queue', () => String, { nullable: true }) _queue?: string,
    @Arg('id', () => ID, { nullable: true }) _id?: string,
  ): JobEvent {
    return event;
  }

  private events(args: JobProgressArgs) {
    return requireQueues(this.queues).events(args.queue ?? undefined, args.id ?? undefined);
  }
}
