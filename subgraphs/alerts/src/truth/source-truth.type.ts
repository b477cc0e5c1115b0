import { Field, Float, Int, ObjectType } from 'type-graphql';

@ObjectType({
  description:
    'What the simulation put in for a detection (DiaSourceTruth, served beside its alerts): its class and true magnitude. Null where unknown.',
})
export class SourceTruth {
  @Field(() => Int, { description: "The simulation gentype of the detection's object." })
  gentype: number;

  @Field(() => Int, {
    nullable: true,
    description: 'The taxonomy class of the gentype; null when the taxonomy does not map it.',
  })
  classId: number | null;

  @Field(() => String, { nullable: true, description: "That class's name (`Ia`, `SN-like/Other`…)." })
  className: string | null;

  @Field(() => Float, { description: 'MJD of the observation, as simulated.' })
  mjd: number;

  @Field({ description: 'Whether the simulation counts it a detection.' })
  detect: boolean;

  @Field(() => Float, { nullable: true, description: 'The true (noise-free) magnitude simulated.' })
  genmag: number | null;
}
