import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum Gain {
  HIGH = 'HIGH',
  LOW = 'LOW',
}
registerEnumType(Gain, { name: 'Gain', description: 'The gain channel of a NectarCAM quantity.' });

@ObjectType({ description: 'A quantity of a run without its values.' })
export class DqmQuantityInfo {
  @Field({ description: "The HDU's key upper-cased, without its -HIGH-GAIN / -LOW-GAIN suffix." })
  key: string;

  @Field({ description: 'The key as the DQM wrote it, where the file keeps it.' })
  label: string;

  @Field(() => Gain, { nullable: true, description: 'Null when no gain applies.' })
  gain: Gain | null;

  @Field(() => String, {
    nullable: true,
    description: "A dict's column (TRIGGER-STATISTICS: All, Physical…); null for an array.",
  })
  field: string | null;

  @Field(() => String, { nullable: true })
  unit: string | null;

  @Field({
    description: 'Element type of the compact array: f64 f32 i64 u64 i32 u32 i16 u16 i8 u8 bool str.',
  })
  dtype: string;

  @Field(() => [Int], { description: 'Row-major, e.g. [1855] or [1855, 60] (pixels × samples).' })
  shape: number[];
}

@ObjectType({ description: 'A quantity of a run with its values.' })
export class DqmQuantity extends DqmQuantityInfo {
  @Field(() => [Float], {
    description: 'Row-major values as numbers (64-bit integers beyond 2^53 lose precision: use base64).',
  })
  values: number[];

  @Field({ description: 'The compact array: little-endian elements of dtype, base64; exact and smaller.' })
  base64: string;

  @Field(() => [String], { nullable: true, description: 'The values of a text column (dtype str).' })
  strings: string[] | null;
}
