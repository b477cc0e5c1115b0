import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Executive } from '../ous/ous-state.js';
import { JobRef } from './job.type.js';

export enum PipelineRunStatus {
  RUNNING = 'RUNNING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
}
registerEnumType(PipelineRunStatus, {
  name: 'PipelineRunStatus',
  description: 'Running until it exits; FAILED for a non-zero exit code or an unreadable report.',
});

@ObjectType({ description: "One execution of the pipeline for an OUS at an executive's ARC." })
export class PipelineRun {
  // Not fields: what the run's own resolvers look its report up by.
  ousId: string;
  runId: bigint;

  @Field(() => Int, { description: 'The run number of this OUS, 1-based.' })
  run: number;

  @Field(() => Executive)
  executive: Executive;

  @Field(() => PipelineRunStatus)
  status: PipelineRunStatus;

  @Field()
  startedAt: Date;

  @Field(() => Date, { nullable: true })
  finishedAt: Date | null;

  @Field(() => Int, { nullable: true, description: "0 on success; 2 is the pipeline's processing error." })
  exitCode: number | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Why the run failed although the pipeline exited 0 (its PipelineAquaReport could not be read).',
  })
  failureReason: string | null;

  @Field(() => JobRef, { nullable: true, description: 'The BullMQ job that ran it (details from ops).' })
  job: JobRef | null;
}
