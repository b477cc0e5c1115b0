import { Connection } from '@opshub/subgraph-kit';
import { Directive, Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { HostGalaxy } from './host-galaxy.type.js';

@ObjectType({
  description: 'An LSST DIA object: a position on the sky where sources were detected (ELAsTiCC naming).',
})
@Directive('@key(fields: "id")')
export class DiaObject {
  @Field(() => ID, { description: 'The 64-bit diaObjectId, as a decimal string.' })
  id: string;

  @Field(() => Float, { description: 'Right ascension, degrees in [0, 360).' })
  ra: number;

  @Field(() => Float, { description: 'Declination, degrees in [-90, 90].' })
  decl: number;

  @Field(() => Float, { nullable: true, description: 'Milky Way E(B-V) along the line of sight.' })
  mwebv: number | null;

  @Field({ description: 'Whether the object lies in a deep drilling field.' })
  isddf: boolean;

  @Field(() => String, { nullable: true, description: 'Provenance of the simulated object (simVersion).' })
  simVersion: string | null;

  @Field(() => Float, { nullable: true, description: 'Uncertainty of mwebv.' })
  mwebvErr: number | null;

  @Field(() => Float, { nullable: true, description: 'Final redshift estimate (z_final).' })
  zFinal: number | null;

  @Field(() => Float, { nullable: true, description: 'Its uncertainty (z_final_err).' })
  zFinalErr: number | null;

  @Field(() => HostGalaxy, { description: 'The nearest host galaxy candidate (hostgal_*).' })
  hostgal: HostGalaxy;

  @Field(() => HostGalaxy, { description: 'The second host galaxy candidate (hostgal2_*).' })
  hostgal2: HostGalaxy;

  @Field(() => Int, { description: 'Detections (dia sources) stored for this object.' })
  nDetections: number;

  @Field(() => Float, { nullable: true, description: 'MJD (TAI) of the first stored detection.' })
  firstDetectionMjd: number | null;

  @Field(() => Float, { nullable: true, description: 'MJD (TAI) of the last stored detection.' })
  lastDetectionMjd: number | null;
}

@ObjectType({ description: 'One object found by a cone search.' })
export class ConeSearchHit {
  @Field(() => DiaObject)
  object: DiaObject;

  @Field(() => Float, { description: 'Angular distance from the search centre, arcseconds.' })
  separationArcsec: number;
}

export const DiaObjectConnection = Connection(DiaObject, 'DiaObject');
