import { PageArgs } from '@opshub/subgraph-kit';
import { ArgsType, Field, Int } from 'type-graphql';

@ArgsType()
export class DqmRunsArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'Only runs of this camera.' })
  camera?: string;
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
