import { GraphQLJSON } from 'graphql-scalars';
import { Authorized, Field, ID, ObjectType, registerEnumType } from 'type-graphql';

export enum JobEventKind {
  ADDED = 'ADDED',
  WAITING = 'WAITING',
  ACTIVE = 'ACTIVE',
  PROGRESS = 'PROGRESS',
  COMPLETED = 'COMPLETED',
  FAILED = 'FAILED',
  /** Sent back to wait after a failed attempt, without a backoff delay. */
  RETRYING = 'RETRYING',
  /** Delayed: a retry waiting out its backoff, or a job added with a delay. */
  DELAYED = 'DELAYED',
  RETRIES_EXHAUSTED = 'RETRIES_EXHAUSTED',
  STALLED = 'STALLED',
  REMOVED = 'REMOVED',
}
registerEnumType(JobEventKind, {
  name: 'JobEventKind',
  description: 'What happened to a job. DELAYED also marks a retry waiting out its backoff.',
});

@ObjectType({ description: 'One change of a job, as BullMQ reported it.' })
export class JobEvent {
  @Field()
  queue: string;

  @Field(() => ID)
  id: string;

  @Field(() => JobEventKind)
  event: JobEventKind;

  @Field(() => GraphQLJSON, { nullable: true, description: 'The reported progress (PROGRESS events).' })
  progress: unknown;

  @Field(() => String, { nullable: true, description: 'Why the attempt failed (FAILED events).' })
  failedReason: string | null;

  @Authorized('ADMIN')
  @Field(() => GraphQLJSON, {
    nullable: true,
    description: 'What the processor returned (COMPLETED events). ADMIN only (FORBIDDEN and null otherwise).',
  })
  returnValue: unknown;

  @Field({ description: 'When Redis recorded the event.' })
  at: Date;
}
