import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({
  description: 'What the data tracker knows of a delivery: complete once every product is archived.',
})
export class DeliveryStatus {
  @Field(() => Int, { description: 'The pipeline run being delivered.' })
  run: number;

  @Field()
  complete: boolean;

  @Field(() => [String], { description: 'File names of the products to deliver (data products and weblog).' })
  products: string[];

  @Field(() => Int)
  productCount: number;

  @Field(() => Int)
  archivedCount: number;

  @Field(() => String, { nullable: true, description: 'Why ingestion refused the products, when it did.' })
  problem: string | null;

  @Field()
  updatedAt: Date;
}
