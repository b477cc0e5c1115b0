import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Product } from './product.type.js';

@ObjectType({ description: 'Per-topic QA scores of a PipelineAquaReport (null when the report has none).' })
export class PipelineScores {
  @Field(() => Float, { nullable: true })
  dataset: number | null;

  @Field(() => Float, { nullable: true })
  flagging: number | null;

  @Field(() => Float, { nullable: true })
  calibration: number | null;

  @Field(() => Float, { nullable: true })
  imaging: number | null;
}

@ObjectType({ description: 'The parsed PipelineAquaReport of one successful pipeline run.' })
export class PipelineReport {
  @Field(() => Int)
  run: number;

  @Field()
  proposalCode: string;

  @Field()
  ousStatusEntityId: string;

  @Field()
  reportDate: Date;

  @Field(() => Float, { description: 'Seconds.' })
  processingTime: number;

  @Field()
  casaVersion: string;

  @Field()
  pipelineVersion: string;

  @Field(() => Float)
  finalScore: number;

  @Field(() => PipelineScores)
  scores: PipelineScores;

  @Field({ description: 'The raw XML in the product store, relative to its root.' })
  xmlPath: string;

  @Field(() => Product, {
    nullable: true,
    description: 'The weblog archive of the same run, for the reviewer.',
  })
  weblog: Product | null;
}
