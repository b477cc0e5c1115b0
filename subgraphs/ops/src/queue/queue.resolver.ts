import { PageArgs, type ConnectionShape } from '@opshub/subgraph-kit';
import {
  Arg,
  Args,
  ArgsType,
  Authorized,
  Field,
  FieldResolver,
  Float,
  ID,
  Int,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { Job, JobConnection, JobState } from './job.type.js';
import type { QueueRef, QueueService } from './queue.service.js';
import { JobScheduler, Queue, QueueActivity, QueueCounts } from './queue.type.js';

/** The queue service exists only where ops was given Redis (the CLI runs without it). */
export function requireQueues(queues: QueueService | undefined): QueueService {
  if (!queues) throw new Error('Queues are not configured: this process was started without REDIS_URL');
  return queues;
}

@ArgsType()
class JobsArgs extends PageArgs {
  @Field()
  queue: string;

  @Field(() => JobState, { description: 'The state whose jobs are listed (UNKNOWN is refused).' })
  state: JobState;

  @Field(() => String, {
    nullable: true,
    description:
      'Only the job with this id, or jobs whose name contains this (case-insensitive), among the newest 5,000 of the state.',
  })
  search?: string;
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

  @FieldResolver(() => Float, {
    description:
      'Jobs failed for good (out of attempts, or unrecoverable) in the last 5 minutes, divided by 5; attempts that will be retried are not counted.',
  })
  failureRatePerMinute(@Root() queue: QueueRef): Promise<number> {
    return this.service.failureRatePerMinute(queue);
  }

  @FieldResolver(() => QueueActivity, {
    description: 'Jobs completed and failed per minute over the last `minutes` (1–1440), for sparklines.',
  })
  activity(
    @Root() queue: QueueRef,
    @Arg('minutes', () => Int, { defaultValue: 60 }) minutes: number,
  ): Promise<QueueActivity> {
    return this.service.activity(queue, minutes);
  }

  @FieldResolver(() => [JobScheduler], { description: 'The job schedulers of the queue, by next run.' })
  async schedulers(@Root() queue: QueueRef): Promise<JobScheduler[]> {
    const rows = await this.service.schedulers(queue);
    return rows.map((r) => ({ ...r, id: r.key }));
  }

  @Authorized()
  @Query(() => JobConnection, {
    description:
      'Jobs of a queue in one state (finished: newest first; delayed: soonest first), optionally searched.',
  })
  jobs(@Args() args: JobsArgs): Promise<ConnectionShape<Job>> {
    return this.service.jobs(args.queue, args.state, args.search, args);
  }
}
