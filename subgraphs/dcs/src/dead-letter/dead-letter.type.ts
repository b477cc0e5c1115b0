import { Connection } from '@opshub/subgraph-kit';
import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'An MQTT message the bridge could not use, kept as it arrived.' })
export class DeadLetter {
  @Field(() => ID)
  id: string;

  @Field()
  topic: string;

  @Field({
    description:
      'The payload as received, at most its first 4 kB (UTF-8; other bytes as base64 prefixed `base64:`).',
  })
  payload: string;

  @Field(() => Int, {
    description: 'Size of the whole payload, in bytes (0 for letters kept before it was recorded).',
  })
  payloadBytes: number;

  @Field(() => String, {
    nullable: true,
    description: 'SHA-256 of the whole payload, hex (null for letters kept before it was recorded).',
  })
  payloadSha256: string | null;

  @Field({ description: 'Why it could not be used.' })
  reason: string;

  @Field()
  receivedAt: Date;
}

export const DeadLetterConnection = Connection(DeadLetter, 'DeadLetter');
