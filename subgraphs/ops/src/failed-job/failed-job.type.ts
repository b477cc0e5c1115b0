import { Connection } from '@opshub/subgraph-kit';
import { GraphQLJSON } from 'graphql-scalars';
import { Authorized, Field, ID, Int, ObjectType } from 'type-graphql';

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

  @Authorized('ADMIN')
  @Field(() => GraphQLJSON, { nullable: true, description: 'The job payload. ADMIN only.' })
  data: unknown;

  @Field()
  reason: string;

  @Authorized('ADMIN')
  @Field(() => String, { nullable: true, description: 'The last stack trace. ADMIN only.' })
  stack: string | null;

  @Field(() => Int)
  attemptsMade: number;

  @Field()
  failedAt: Date;
}

export const FailedJobConnection = Connection(FailedJob, 'FailedJob');
