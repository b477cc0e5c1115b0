import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({
  description: 'A broker serving classification records over HTTP after a cursor, pulled by the workers.',
})
export class BrokerSource {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  url: string;

  @Field(() => String)
  name: string;

  @Field(() => String, {
    nullable: true,
    description: 'The cursor after the last page stored; null: from the start.',
  })
  cursor: string | null;

  @Field(() => Date, { nullable: true })
  lastPulledAt: Date | null;

  @Field(() => String, {
    nullable: true,
    description: "The last pull's failure; null after a pull that worked.",
  })
  lastError: string | null;

  @Field(() => Int, { description: 'Messages stored from this source (not duplicates or refused records).' })
  loaded: number;

  @Field(() => Date)
  createdAt: Date;
}
