import { Connection } from '@opshub/subgraph-kit';
import { GraphQLJSON } from 'graphql-scalars';
import { Authorized, Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum JobState {
  WAITING = 'WAITING',
  ACTIVE = 'ACTIVE',
  COMPLETED = 'COMPLETED',
  FAILED = 'FAILED',
  DELAYED = 'DELAYED',
  PRIORITIZED = 'PRIORITIZED',
  WAITING_CHILDREN = 'WAITING_CHILDREN',
  UNKNOWN = 'UNKNOWN',
}
registerEnumType(JobState, { name: 'JobState', description: 'Where a BullMQ job is now.' });

@ObjectType({ description: 'A BullMQ job, identified by its queue and id.' })
@Directive('@key(fields: "queue id")')
export class Job {
  @Field(() => ID)
  id: string;

  @Field()
  queue: string;

  @Field({ description: 'The job name (e.g. `prune-sessions`), which decides its processor.' })
  name: string;

  @Field(() => JobState)
  state: JobState;

  @Field(() => GraphQLJSON, {
    nullable: true,
    description: 'What the processor last reported: a number (percent) or an object.',
  })
  progress: unknown;

  @Field(() => Int)
  attemptsMade: number;

  @Field(() => Int, { description: 'Attempts allowed before the job is failed for good.' })
  maxAttempts: number;

  @Field(() => Date, {
    nullable: true,
    description:
      'For a delayed job: when it becomes ready to run (a retry waiting out its backoff, or a job added with a delay).',
  })
  runAt: Date | null;

  @Field(() => String, { nullable: true })
  failedReason: string | null;

  // Stacks, payloads and return values carry internals (hosts, paths, driver errors): ADMIN only.
  // Anyone else who selects them gets null with a FORBIDDEN error; the rest of the job still resolves.
  @Authorized('ADMIN')
  @Field(() => [String], {
    nullable: true,
    description:
      'Stack traces of the failed attempts, most recent last. ADMIN only (FORBIDDEN and null otherwise).',
  })
  stacktrace: string[];

  @Authorized('ADMIN')
  @Field(() => GraphQLJSON, {
    nullable: true,
    description: 'The job payload. ADMIN only (FORBIDDEN and null otherwise).',
  })
  data: unknown;

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  processedAt: Date | null;

  @Field(() => Date, { nullable: true })
  finishedAt: Date | null;

  @Authorized('ADMIN')
  @Field(() => GraphQLJSON, {
    nullable: true,
    description: 'What the processor returned. ADMIN only (FORBIDDEN and null otherwise).',
  })
  returnValue: unknown;
}

export const JobConnection = Connection(Job, 'Job');
