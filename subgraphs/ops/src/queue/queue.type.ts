import { Field, Int, ObjectType } from 'type-graphql';

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
