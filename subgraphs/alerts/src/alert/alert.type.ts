import { ArgsType, Field, Float, ID, InputType, ObjectType } from 'type-graphql';
import type { DiaSource } from '../dia-source/dia-source.type.js';

@ObjectType({ description: 'An alert: a detection of an object, with the history it carried.' })
export class Alert {
  @Field(() => ID, { description: 'The 64-bit alertId, as a decimal string.' })
  alertId: string;

  @Field(() => ID, { description: 'The diaSourceId of the triggering detection.' })
  diaSourceId: string;

  @Field(() => ID, { description: 'The diaObjectId of its object.' })
  diaObjectId: string;

  @Field(() => Date, { nullable: true, description: 'When the alert was published (alertSentTimestamp).' })
  sentAt: Date | null;

  @Field(() => Date, { description: 'When the hub stored it.' })
  ingestedAt: Date;

  @Field(() => String, {
    nullable: true,
    description: 'In alertIngested: the event id, to resume after (`after`).',
  })
  eventId?: string;

  /** The triggering detection when already known (an event carries it). */
  source?: DiaSource;
}

@InputType({ description: 'A cone on the sky.' })
export class ConeFilter {
  @Field(() => Float, { description: 'Centre right ascension, degrees.' })
  ra: number;

  @Field(() => Float, { description: 'Centre declination, degrees.' })
  dec: number;

  @Field(() => Float, { description: 'Radius, arcseconds (at most 3600).' })
  radiusArcsec: number;
}

@InputType({ description: 'Which new alerts a subscriber receives; every given condition must hold.' })
export class AlertFilter {
  @Field(() => ID, { nullable: true, description: 'Only alerts of this object.' })
  diaObjectId?: string | null;

  @Field(() => [String], { nullable: true, description: 'Only detections in these bands.' })
  filterNames?: string[] | null;

  @Field(() => Float, { nullable: true, description: 'Only detections with at least this S/N.' })
  minSnr?: number | null;

  @Field(() => ConeFilter, { nullable: true, description: 'Only detections inside this cone.' })
  cone?: ConeFilter | null;
}

@ArgsType()
export class AlertIngestedArgs {
  @Field(() => AlertFilter, { nullable: true })
  filter?: AlertFilter | null;

  @Field(() => String, {
    nullable: true,
    description: 'Resume after this eventId: the alerts announced since are replayed first.',
  })
  after?: string | null;
}

@ArgsType()
export class IdArgs {
  @Field(() => ID, { description: 'The 64-bit id, as a decimal string.' })
  id: string;
}
