import { Connection } from '@opshub/subgraph-kit';
import { GraphQLJSON } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({
  description: 'A job that failed after its last retry (or unrecoverably), kept with its reason.',
})
export class FailedJob {
  @Field(() => ID)
  id: string;

  @Field()
  queue: string;

  @Field(() => ID, { description: 'The BullMQ job id (the job itself may since have been removed).' })
  jobId: string;

  @Field()
  name: string;

  @Field(() => GraphQLJSON)
  data: unknown;

  @Field()
  reason: string;

  @Field(() => String, { nullable: true })
  stack: string | null;

  @Field(() => Int)
  attemptsMade: number;

  @Field()
  failedAt: Date;
}

export const FailedJobConnection = Connection(FailedJob, 'FailedJob');
