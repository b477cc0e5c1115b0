import type {
  ArchiveDocument as DocumentRow,
  Db,
  DeliveryStatus as StatusRow,
  ProductMetadata as MetadataRow,
} from '@opshub/db';

export type { DocumentRow, MetadataRow, StatusRow };
export type DocumentWithMetadata = DocumentRow & { metadata: MetadataRow[] };

export interface ArchiveWrite {
  fileId: string;
  ousId: string;
  productId: bigint;
  sha256: string;
  size: number;
  path: string;
  /** Products metadata row (data products only). */
  metadata: { file: string; programId: string } | null;
}

/** Delivery status, archive documents (NGAS) and products metadata: the only file touching them. */
export class DeliveryRepository {
  constructor(private readonly db: Db) {}

  status(ousId: string): Promise<StatusRow | null> {
    return this.db.deliveryStatus.findUnique({ where: { ousId } });
  }

  statusOf(ousIds: readonly string[]): Promise<StatusRow[]> {
    return this.db.deliveryStatus.findMany({ where: { ousId: { in: [...ousIds] } } });
  }

  /** (Re)starts the delivery of one run: the list of products to archive, none archived yet. */
  start(ousId: string, run: number, products: string[]): Promise<StatusRow> {
    const data = {
      run,
      products,
      productCount: products.length,
      archivedCount: 0,
      complete: false,
      problem: null,
    };
    return this.db.deliveryStatus.upsert({ where: { ousId }, create: { ousId, ...data }, update: data });
  }

  setProblem(ousId: string, problem: string): Promise<unknown> {
    return this.db.deliveryStatus.updateMany({ where: { ousId }, data: { problem, complete: false } });
  }

  markComplete(ousId: string): Promise<StatusRow> {
    return this.db.deliveryStatus.update({ where: { ousId }, data: { complete: true } });
  }

  /** One archived file, its metadata row and the status count, together; repeating it changes nothing. */
  async archive(w: ArchiveWrite, runId: bigint): Promise<DocumentRow> {
    return this.db.$transaction(async (tx) => {
      const document = await tx.archiveDocument.upsert({
        where: { productId: w.productId },
        create: {
          fileId: w.fileId,
          ousId: w.ousId,
          productId: w.productId,
          sha256: w.sha256,
          size: w.size,
          path: w.path,
        },
        update: { sha256: w.sha256, size: w.size, path: w.path },
      });
      if (w.metadata) {
        await tx.productMetadata.upsert({
          where: { documentId_file: { documentId: document.id, file: w.metadata.file } },
          create: {
            documentId: document.id,
            file: w.metadata.file,
            programId: w.metadata.programId,
            ousId: w.ousId,
          },
          update: {},
        });
      }
      const archivedCount = await tx.archiveDocument.count({ where: { product: { runId } } });
      await tx.deliveryStatus.update({ where: { ousId: w.ousId }, data: { archivedCount } });
      return document;
    });
  }

  /** Archive documents of a run's products, with the product's recorded checksum and name. */
  documentsOfRun(runId: bigint) {
    return this.db.archiveDocument.findMany({
      where: { product: { runId } },
      include: { product: { select: { fileName: true, sha256: true } } },
    });
  }

  documentsOf(ousIds: readonly string[]): Promise<DocumentWithMetadata[]> {
    return this.db.archiveDocument.findMany({
      where: { ousId: { in: [...ousIds] } },
      orderBy: { id: 'asc' },
      include: { metadata: { orderBy: { id: 'asc' } } },
    });
  }
}
