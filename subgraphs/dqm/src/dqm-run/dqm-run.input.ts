import { PageArgs } from '@opshub/subgraph-kit';
import { ArgsType, Field, Int } from 'type-graphql';

@ArgsType()
export class DqmRunsArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'Only runs of this camera.' })
  camera?: string | null;

  @Field(() => Int, { nullable: true, description: 'Only runs numbered this or higher.' })
  fromRun?: number | null;

  @Field(() => Int, { nullable: true, description: 'Only runs numbered this or lower.' })
  toRun?: number | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Only bad runs: at least one bad pixel (DqmRun.badPixels > 0); runs without a count are left out.',
  })
  onlyBad?: boolean | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Only runs with at least this many bad pixels (DqmRun.badPixels); runs without a count are left out.',
  })
  minBadPixels?: number | null;
}

/** The run filters of `dqmRuns`, checked. */
export interface DqmRunFilter {
  camera?: string;
  fromRun?: number;
  toRun?: number;
  /** badPixels ≥ this; undefined: any, runs without a count too. */
  minBadPixels?: number;
}

@ArgsType()
export class DqmRunArgs {
  @Field()
  camera: string;

  @Field(() => Int)
  runNumber: number;
}

/** What the seed and the NectarCAM pull write. */
export interface DqmRunInput {
  camera: string;
  runNumber: number;
  startedAt: Date;
  endedAt: Date | null;
}

/** Camera names as NectarCAM's DQM writes them: NectarCAMQM, NectarCAM2, NectarCAM3… */
export const CAMERA = /^NectarCAM(QM|\d+)$/;
