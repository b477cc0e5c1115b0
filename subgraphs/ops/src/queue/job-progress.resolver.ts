import { Arg, Authorized, ID, Resolver, Root, Subscription } from 'type-graphql';
import { JobEvent } from './job-event.type.js';
import { requireQueues } from './queue.resolver.js';
import type { QueueService } from './queue.service.js';

interface JobProgressArgs {
  queue?: string | null;
  id?: string | null;
}

/**
 * `subscribe` of a type-graphql subscription is a static option with no access to the resolver
 * instance, so the class is made per schema with the service it reads from.
 */
export function jobProgressResolver(queues: QueueService | undefined) {
  @Resolver(() => JobEvent)
  class JobProgressResolver {
    @Authorized()
    @Subscription(() => JobEvent, {
      description: 'Job events from BullMQ: of one queue or all, of one job or every job.',
      subscribe: ({ args }: { args: JobProgressArgs }) =>
        requireQueues(queues).events(args.queue ?? undefined, args.id ?? undefined),
    })
    jobProgress(
      @Root() event: JobEvent,
      @Arg('queue', () => String, { nullable: true }) _queue?: string,
      @Arg('id', () => ID, { nullable: true }) _id?: string,
    ): JobEvent {
      return event;
    }
  }
  return JobProgressResolver;
}
