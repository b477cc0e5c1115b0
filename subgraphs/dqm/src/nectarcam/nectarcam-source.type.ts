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

@ObjectType({
  description:
    'A pulled file or a DQM² agent document refused with its reason; nothing of it is stored elsewhere.',
})
export class DqmQuarantined {
  @Field(() => ID)
  id: string;

  @Field(() => String, {
    nullable: true,
    description: "The NectarCAM source's URL (null for a DQM² document, or once the source is removed).",
  })
  source: string | null;

  @Field({
    description: "The refused file's name, or the refused document's id with its host name replaced.",
  })
  name: string;

  @Field()
  reason: string;

  @Field()
  at: Date;
}

export const DqmQuarantinedConnection = Connection(DqmQuarantined, 'DqmQuarantined');
