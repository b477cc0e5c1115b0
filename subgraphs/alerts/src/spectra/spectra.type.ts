import { Field, Float, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: "Someone wants a spectrum of the object (the TOM's askforspectrum)." })
export class SpectrumWish {
  @Field({ description: 'Who asked (a name or a programme, as given).' })
  requester: string;

  @Field(() => Int, { description: 'Priority, 1 (low) to 5 (high).' })
  priority: number;

  @Field({ description: 'When it was asked (asking again refreshes it).' })
  wantedAt: Date;
}

@ObjectType({ description: 'A facility plans to take a spectrum of the object (planspectrum).' })
export class SpectrumPlan {
  @Field()
  facility: string;

  @Field(() => Date, { nullable: true, description: 'When it plans to observe, if it said.' })
  plannedFor: Date | null;

  @Field(() => String, { nullable: true })
  comment: string | null;

  @Field({
    description: 'When the plan was made: a recent plan claims the object (spectrawanted leaves it out).',
  })
  createdAt: Date;
}

@ObjectType({ description: 'What a spectrum of the object showed (reportspectruminfo).' })
export class SpectrumReport {
  @Field()
  facility: string;

  @Field(() => Float, { description: 'MJD of the spectrum.' })
  mjd: number;

  @Field(() => Float, { nullable: true, description: 'Redshift measured, if any.' })
  z: number | null;

  @Field(() => Int, { description: 'The ELAsTiCC classId found (taxonomy.csv).' })
  classId: number;

  @Field()
  reportedAt: Date;
}

@ObjectType({
  description:
    "An object's follow-up spectroscopy: open wishes (highest priority first), plans, and reports (by MJD). " +
    "A report removes the wishes and the reporting facility's plan.",
})
export class SpectraStatus {
  @Field(() => [SpectrumWish])
  wanted: SpectrumWish[];

  @Field(() => [SpectrumPlan])
  planned: SpectrumPlan[];

  @Field(() => [SpectrumReport])
  reported: SpectrumReport[];
}
