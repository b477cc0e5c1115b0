import { Connection } from '@opshub/subgraph-kit';
import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A record or a whole file that alert ingest refused, with why.' })
export class AlertQuarantined {
  @Field(() => ID)
  id: string;

  @Field({ description: "The file's name (or the alert source's URL)." })
  source: string;

  @Field(() => Int, {
    nullable: true,
    description: "The record's position in its file; null: the whole file.",
  })
  position: number | null;

  @Field(() => ID, { nullable: true, description: 'The alertId, when it could be read.' })
  alertId: string | null;

  @Field({ description: 'Why it was refused.' })
  reason: string;

  @Field({ description: 'When.' })
  at: Date;
}

export const AlertQuarantinedConnection = Connection(AlertQuarantined, 'AlertQuarantined');
