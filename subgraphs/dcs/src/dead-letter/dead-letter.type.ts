import { Connection } from '@opshub/subgraph-kit';
import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: 'An MQTT message the bridge could not use, kept as it arrived.' })
export class DeadLetter {
  @Field(() => ID)
  id: string;

  @Field()
  topic: string;

  @Field({ description: 'The payload as received (UTF-8; other bytes as base64 prefixed `base64:`).' })
  payload: string;

  @Field({ description: 'Why it could not be used.' })
  reason: string;

  @Field()
  receivedAt: Date;
}

export const DeadLetterConnection = Connection(DeadLetter, 'DeadLetter');
