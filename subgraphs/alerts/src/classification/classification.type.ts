import { ArgsType, Field, Float, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: "A broker's classifier, registered the first time its 4-tuple is seen." })
export class BrokerClassifier {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  brokerName: string;

  @Field(() => String)
  brokerVersion: string;

  @Field(() => String, { description: 'The classifier, with its software version.' })
  classifierName: string;

  @Field(() => String)
  classifierParams: string;

  @Field(() => Date, { description: 'When the hub first saw it.' })
  createdAt: Date;
}

@ObjectType({
  description:
    'One class a broker message gave an object, with its probability: a message of N classes is N ' +
    'entries sharing brokerMessageId (one entry per class, so a filter on class and probability is a filter on entries).',
})
export class Classification {
  @Field(() => ID, { description: 'The classifier (also as `classifier`).' })
  classifierId: string;

  @Field(() => Int, { description: 'The ELAsTiCC taxonomy class id.' })
  classId: number;

  @Field(() => String, { description: "The class's name in the taxonomy (`Ia`, `SN-like/Other`…)." })
  className: string;

  @Field(() => Float, { description: '0–1.' })
  probability: number;

  @Field(() => ID, { description: 'The broker message this entry belongs to.' })
  brokerMessageId: string;

  @Field(() => ID)
  alertId: string;

  @Field(() => ID)
  diaSourceId: string;

  @Field(() => ID, { nullable: true, description: 'Null while the hub does not know the alert.' })
  diaObjectId: string | null;

  @Field(() => Date, { description: "The alert's elasticcPublishTimestamp (what `latest` orders by)." })
  at: Date;

  @Field(() => String, {
    nullable: true,
    description: 'In classificationAdded: the event id, to resume after (`after`).',
  })
  eventId?: string;
}

@ObjectType({ description: "A classifier's figures since a time (all time when not given)." })
export class BrokerFigures {
  @Field(() => BrokerClassifier)
  classifier: BrokerClassifier;

  @Field(() => Int, { description: 'Messages stored (received since `since`).' })
  messages: number;

  @Field(() => Int, {
    description:
      'Messages sent again (same alert, classifier and classes), counted per hour: since the hour of `since`.',
  })
  duplicates: number;

  @Field(() => Float, {
    nullable: true,
    description:
      'Median delay from the alert (elasticcPublishTimestamp) to the hub storing the message, seconds.',
  })
  delayP50Seconds: number | null;

  @Field(() => Float, { nullable: true, description: '95th percentile of the same delay, seconds.' })
  delayP95Seconds: number | null;

  @Field(() => Int, { description: 'Alerts the hub stored since `since`.' })
  alertsSent: number;

  @Field(() => Int, { description: 'Of those, the alerts this classifier classified.' })
  alertsClassified: number;

  @Field(() => Float, { nullable: true, description: 'alertsClassified / alertsSent; null without alerts.' })
  completeness: number | null;
}

@ArgsType()
export class ClassificationsArgs {
  @Field(() => Boolean, {
    nullable: true,
    description: 'Every message of every classifier (oldest first) instead of the latest per classifier.',
  })
  history?: boolean | null;
}

@ArgsType()
export class BrokerFiguresArgs {
  @Field(() => Date, { nullable: true, description: 'From this time; all time when not given.' })
  since?: Date | null;
}

@ArgsType()
export class ClassificationAddedArgs {
  @Field(() => ID, { nullable: true, description: 'Only classifications of this object.' })
  objectId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only this classifier.' })
  classifier?: string | null;

  @Field(() => Int, { nullable: true, description: 'Only this class.' })
  classId?: number | null;

  @Field(() => Float, { nullable: true, description: 'Only entries with at least this probability.' })
  minProbability?: number | null;

  @Field(() => String, { nullable: true, description: 'Resume after this eventId.' })
  after?: string | null;
}
