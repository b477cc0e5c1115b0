import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';

@InputType({ description: 'One class and its probability (classificationDict).' })
export class ClassificationInput {
  @Field(() => Int, { description: 'An ELAsTiCC taxonomy class id.' })
  classId: number;

  @Field(() => Float, { description: '0–1.' })
  probability: number;
}

@InputType({
  description:
    'An ELAsTiCC v0.9.1 brokerClassification record plus brokerPublishTimestamp. Timestamps are ' +
    'milliseconds since the Epoch; 64-bit ids are decimal strings (a JSON number beyond 2^53 has lost digits).',
})
export class BrokerMessageInput {
  @Field(() => ID)
  alertId: string;

  @Field(() => ID)
  diaSourceId: string;

  @Field(() => Float, { description: 'From the ELAsTiCC alert, ms.' })
  elasticcPublishTimestamp: number;

  @Field(() => Float, { nullable: true, description: 'When the broker ingested the alert, ms.' })
  brokerIngestTimestamp?: number | null;

  @Field(() => Float, { nullable: true, description: 'When the broker published this classification, ms.' })
  brokerPublishTimestamp?: number | null;

  @Field(() => String)
  brokerName: string;

  @Field(() => String)
  brokerVersion: string;

  @Field(() => String)
  classifierName: string;

  @Field(() => String)
  classifierParams: string;

  @Field(() => [ClassificationInput])
  classifications: ClassificationInput[];
}

@ObjectType({ description: 'A record refused, with why.' })
export class RejectedBrokerMessage {
  @Field(() => Int, { description: 'Its position in `messages`.' })
  index: number;

  @Field(() => String)
  reason: string;
}

@ObjectType({ description: 'What submitBrokerMessages stored.' })
export class SubmitResult {
  @Field(() => ID, { nullable: true, description: 'The first message id stored; null when none was new.' })
  brokerMessageId: string | null;

  @Field(() => Int, { description: 'Messages stored.' })
  numLoaded: number;

  @Field(() => Int, {
    description: 'Messages already stored (same alert, classifier and classes), not stored again.',
  })
  duplicates: number;

  @Field(() => [RejectedBrokerMessage])
  rejected: RejectedBrokerMessage[];
}
