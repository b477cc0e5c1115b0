import { Connection } from '@opshub/subgraph-kit';
import { Directive, Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'One camera run processed by a NectarCAM DQM job.' })
@Directive('@key(fields: "camera runNumber")')
export class DqmRun {
  @Field({ description: 'The camera, e.g. NectarCAMQM or NectarCAM2.' })
  camera: string;

  @Field(() => Int, { description: 'The camera run number.' })
  runNumber: number;

  @Field()
  startedAt: Date;

  @Field(() => Date, { nullable: true, description: 'Null while the run has no recorded end.' })
  endedAt: Date | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Pixels flagged bad in at least one physics event at high gain (the non-zero values of quantity CAMERA-BADPIX-PHY-OVEREVENTS, gain HIGH), counted when the run is stored; null when the run has no such quantity.',
  })
  badPixels: number | null;
}

export const DqmRunConnection = Connection(DqmRun, 'DqmRun');
