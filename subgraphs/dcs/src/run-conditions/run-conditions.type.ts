import { Directive, Field, Float, ID, Int, ObjectType } from 'type-graphql';

/**
 * The dqm subgraph's run, as dcs sees it: its key and times (from dqm, `@external`), so that dcs can
 * add what the test stand measured while it ran.
 */
@ObjectType()
@Directive('@key(fields: "camera runNumber")')
export class DqmRun {
  @Field()
  camera: string;

  @Field(() => Int)
  runNumber: number;

  @Field()
  @Directive('@external')
  startedAt: Date;

  @Field(() => Date, { nullable: true })
  @Directive('@external')
  endedAt: Date | null;
}

@ObjectType({ description: 'One metric of one device over a time range: its summary and its series.' })
export class RunCondition {
  @Field(() => ID)
  deviceId: string;

  @Field({ description: 'e.g. `temperature`, `BME/dew`, `vMon`.' })
  metric: string;

  @Field(() => Float)
  min: number;

  @Field(() => Float)
  max: number;

  @Field(() => Float)
  avg: number;

  @Field(() => Int, { description: 'How many readings were taken in the range.' })
  count: number;

  /** The range, for `series` (not a field). */
  from: Date;
  to: Date;
}
