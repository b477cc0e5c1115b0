import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A products metadata row.' })
export class ProductMetadata {
  @Field()
  file: string;

  @Field()
  programId: string;

  @Field()
  ousId: string;
}

@ObjectType({ description: 'A file in the archive (NGAS), its checksum verified at ingestion.' })
export class ArchiveDocument {
  @Field()
  fileId: string;

  @Field()
  sha256: string;

  @Field(() => Int)
  size: number;

  @Field({ description: 'Path in the archive, relative to its root.' })
  path: string;

  @Field()
  archivedAt: Date;

  @Field(() => [ProductMetadata])
  metadata: ProductMetadata[];
}
