import { ProductKind } from '@opshub/db/enums';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';

// The database enum, registered as it is: its keys are the API's names.
export { ProductKind };
registerEnumType(ProductKind, {
  name: 'ProductKind',
  description: 'Data product, weblog archive or pipeline report.',
});

@ObjectType({ description: 'A file a pipeline run wrote to the product store, with its checksum.' })
export class Product {
  @Field(() => Int, { description: 'The pipeline run that wrote it.' })
  run: number;

  @Field()
  fileName: string;

  @Field(() => ProductKind)
  kind: ProductKind;

  @Field(() => Int, { description: 'Bytes.' })
  size: number;

  @Field({ description: 'SHA-256 recorded when the pipeline wrote it (hex).' })
  sha256: string;

  @Field({ description: 'The site whose product store holds the original (the executive).' })
  site: string;

  @Field({ description: 'Path in the product store, relative to its root (site first).' })
  path: string;

  @Field(() => String, { nullable: true, description: 'Path of the verified copy in the JAO cache.' })
  replicaPath: string | null;

  @Field(() => Date, { nullable: true })
  replicatedAt: Date | null;

  @Field(() => String, { nullable: true, description: 'Archive (NGAS) file id once ingested.' })
  archiveFileId: string | null;

  @Field(() => Date, { nullable: true })
  archivedAt: Date | null;
}
