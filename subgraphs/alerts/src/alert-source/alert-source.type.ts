import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({
  description:
    'An HTTP endpoint serving alert batches (GET <url>/batches?after=<cursor>, GET <url>/batches/<name>), pulled by the workers from its cursor.',
})
export class AlertSource {
  @Field(() => ID)
  id: string;

  @Field()
  url: string;

  @Field({ description: 'Its host and path, as batches are named in the quarantine (`<name>/<batch>`).' })
  name: string;

  @Field(() => String, {
    nullable: true,
    description: 'The cursor after the last batch stored or quarantined; null: nothing pulled yet.',
  })
  cursor: string | null;

  @Field(() => Date, { nullable: true, description: 'When its last pull ended (whether or not it failed).' })
  lastPulledAt: Date | null;

  @Field(() => String, { nullable: true, description: 'Why its last pull failed; null once one succeeds.' })
  lastError: string | null;

  @Field(() => Int, { description: 'Consecutive failed pulls (each doubles its backoff).' })
  failures: number;

  @Field(() => Date, { nullable: true, description: 'Not pulled again before this (after a failure).' })
  backoffUntil: Date | null;

  @Field(() => Int, { description: 'Batches stored or quarantined.' })
  batches: number;

  @Field(() => Int, { description: 'New alerts stored from it.' })
  alerts: number;

  @Field(() => Int, { description: 'Records and whole batches quarantined from it.' })
  quarantined: number;

  @Field(() => Int, { description: 'Object truth rows received from it (DiaObjectTruth).' })
  truthObjects: number;

  @Field(() => Int, { description: 'Source truth rows received from it (DiaSourceTruth).' })
  truthSources: number;
}
