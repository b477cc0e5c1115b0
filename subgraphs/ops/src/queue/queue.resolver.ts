import type { SubgraphContext } from '@opshub/subgraph-kit';
import {
  Arg,
  Authorized,
  Ctx,
  FieldResolver,
  Float,
  ID,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { Job } from './job.type.js';
import type { QueueRef, QueueService } from './queue.service.js';
import { Queue, QueueCounts } from './queue.type.js';

/** The queue service exists only where ops was given Redis (the CLI runs without it). */
export function requireQueues(queues: QueueService | undefined): QueueService {
  if (!queues) throw new Error('Queues are not configured: this process was started without REDIS_URL');
  return queues;
}

@Resolver(() => Queue)
export class QueueResolver {
  constructor(private readonly queueService: QueueService | undefined) {}

  private get service(): QueueService {
    return requireQueues(this.queueService);
  }

  @Authorized()
  @Query(() => [Queue], { name: 'queues', description: 'Every BullMQ queue of the hub, with live counts.' })
  allQueues(): QueueRef[] {
    return this.service.list();
  }

  @Authorized()
  @Query(() => Queue, { description: 'One queue by name (BAD_USER_INPUT for an unknown name).' })
  queue(@Arg('name') name: string): QueueRef {
    return this.service.get(name, 'name');
  }

  @Authorized()
  @Query(() => Job, {
    nullable: true,
    description: 'A job by queue and id; null when the queue has no such job.',
  })
  job(@Arg('queue') queue: string, @Arg('id', () => ID) id: string): Promise<Job | null> {
    return this.service.job(queue, id);
  }

  @FieldResolver(() => QueueCounts, { description: 'Jobs per state, read live from Redis.' })
  counts(@Root() queue: QueueRef): Promise<QueueCounts> {
    return this.service.counts(queue);
  }

  @FieldResolver(() => Boolean, {
    description: 'True while the queue is paused: workers take no new jobs from it.',
  })
  paused(@Root() queue: QueueRef): Promise<boolean> {
    return this.service.paused(queue);
  }

  @FieldResolver(() => Float, { description: 'Jobs completed in the last 5 minutes, divided by 5.' })
  throughputPerMinute(@Root() queue: QueueRef): Promise<number> {
    return this.service.throughputPerMinute(queue);
  }

  @Authorized('ADMIN')
  @Mutation(() => Job, { description: 'Runs a failed or completed job again, with its attempts reset.' })
  retryJob(
    @Arg('queue') queue: string,
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Job> {
    return this.service.retryJob(queue, id, ctx);
  }

  @Authorized('ADMIN')
  @Mutation(() => Boolean, { description: 'Deletes a job that is not being processed.' })
  removeJob(
    @Arg('queue') queue: string,
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<boolean> {
    return this.service.removeJob(queue, id, ctx);
  }

  @Authorized('ADMIN')
  @Mutation(() => Queue, { description: 'Workers stop taking jobs from the queue; active jobs finish.' })
  pauseQueue(@Arg('name') name: string, @Ctx() ctx: SubgraphContext): Promise<QueueRef> {
    return this.service.pause(name, ctx);
  }

  @Authorized('ADMIN')
  @Mutation(() => Queue)
  resumeQueue(@Arg('name') name: string, @Ctx() ctx: SubgraphContext): Promise<QueueRef> {
    return this.service.resume(name, ctx);
  }
}
