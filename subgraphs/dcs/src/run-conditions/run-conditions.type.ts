import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { ReadingStats } from '../reading/reading.type.js';

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
export class RunCondition extends ReadingStats {
  @Field(() => ID)
  deviceId: string;

  @Field({ description: 'e.g. `temperature`, `BME/dew`, `vMon`.' })
  metric: string;

  /** The range, for `series` (not a field). */
  from: Date;
  to: Date;
}
