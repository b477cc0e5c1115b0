import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'One measured value of a device.' })
export class Reading {
  @Field(() => ID)
  deviceId: string;

  @Field({ description: 'e.g. `temperature`, `power`, `vMon`, `iMon`, `BME/dew`.' })
  metric: string;

  @Field(() => Float)
  value: number;

  @Field()
  at: Date;

  @Field(() => String, {
    nullable: true,
    description:
      'On `readingAdded` only: the event id of its batch (one event carries several readings); resuming `after` it replays from the next batch.',
  })
  eventId?: string | null;
}

/** min/max/avg/count of some readings: a series bucket's, a run's (dcs `RunCondition`). */
@ObjectType()
export class ReadingStats {
  @Field(() => Float)
  min: number;

  @Field(() => Float)
  max: number;

  @Field(() => Float)
  avg: number;

  @Field(() => Int, { description: 'How many readings.' })
  count: number;
}

@ObjectType({ description: 'One time bucket of a series.' })
export class SeriesPoint extends ReadingStats {
  @Field({ description: 'Start of the bucket.' })
  at: Date;
}

@InputType()
export class SeriesRange {
  @Field()
  from: Date;

  @Field()
  to: Date;
}
