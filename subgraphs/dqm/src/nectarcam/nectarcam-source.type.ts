import { Connection } from '@opshub/subgraph-kit';
import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: 'An HTTP directory listing <camera>_DQM_Run<N>.tar.gz, pulled by the workers.' })
export class NectarcamSource {
  @Field(() => ID)
  id: string;

  @Field()
  url: string;

  @Field()
  enabled: boolean;

  @Field(() => Date, { nullable: true, description: 'When its listing was last read.' })
  lastListedAt: Date | null;

  @Field(() => String, {
    nullable: true,
    description: 'Why its last listing failed; null once one succeeds.',
  })
  lastError: string | null;
}

@ObjectType({ description: 'A pulled file refused with its reason; nothing of it is stored.' })
export class DqmQuarantined {
  @Field(() => ID)
  id: string;

  @Field(() => String, { nullable: true, description: "The source's URL (null once the source is removed)." })
  source: string | null;

  @Field({ description: "The refused file's name." })
  name: string;

  @Field()
  reason: string;

  @Field()
  at: Date;
}

export const DqmQuarantinedConnection = Connection(DqmQuarantined, 'DqmQuarantined');
