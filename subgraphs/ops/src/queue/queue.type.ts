import { Field, Float, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'How many jobs of a queue are in each state, read live from Redis.' })
export class QueueCounts {
  @Field(() => Int, {
    description: 'Jobs ready to run (BullMQ 6 keeps them here while the queue is paused).',
  })
  waiting: number;

  @Field(() => Int)
  active: number;

  @Field(() => Int, { description: 'Completed jobs still kept in Redis (a day, 5,000 at most).' })
  completed: number;

  @Field(() => Int, { description: 'Failed jobs still kept in Redis; the full record is `failedJobs`.' })
  failed: number;

  @Field(() => Int)
  delayed: number;

  @Field(() => Int)
  prioritized: number;

  @Field(() => Int)
  waitingChildren: number;
}

@ObjectType({
  description: 'A BullMQ queue of the hub. Its fields other than `name` are read when selected.',
})
export class Queue {
  @Field()
  name: string;
}

@ObjectType({
  description:
    'Jobs completed and failed (for good) per minute, oldest minute first, the last being the current minute so far (from the workers’ BullMQ metrics).',
})
export class QueueActivity {
  @Field(() => Int, { description: 'How many minutes the series cover.' })
  minutes: number;

  @Field({ description: 'The start of the last (current) minute.' })
  lastMinuteAt: Date;

  @Field(() => [Int])
  completed: number[];

  @Field(() => [Int])
  failed: number[];
}

@ObjectType({ description: 'A job scheduler: makes a job of `name` every `everyMs` or on a cron `pattern`.' })
export class JobScheduler {
  @Field({ description: 'The scheduler id (unique per queue).' })
  id: string;

  @Field({ description: 'The name of the jobs it makes.' })
  name: string;

  @Field(() => String, { nullable: true, description: 'A cron pattern, for schedulers on a pattern.' })
  pattern: string | null;

  // Float: an interval of more than 24.8 days in ms is beyond GraphQL's Int.
  @Field(() => Float, { nullable: true, description: 'The interval, for schedulers every N ms.' })
  everyMs: number | null;

  @Field(() => Date, { nullable: true, description: 'When it makes its next job.' })
  nextRun: Date | null;

  @Field(() => Int, { description: 'How many jobs it has made.' })
  iterationCount: number;
}
