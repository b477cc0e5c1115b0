import type { Db, Prisma } from '@opshub/db';

export interface OutboxRow {
  id: bigint;
  stream: string;
  payload: Prisma.JsonValue;
}

export class OutboxRepository {
  constructor(private readonly db: Db) {}

  markPublished(id: bigint): Promise<unknown> {
    return this.db.workflowOutbox.updateMany({
      where: { id, publishedAt: null },
      data: { publishedAt: new Date() },
    });
  }

  /** Unpublished rows older than `olderThanMs`, oldest first. */
  pending(olderThanMs: number, take: number): Promise<OutboxRow[]> {
    return this.db.workflowOutbox.findMany({
      where: { publishedAt: null, createdAt: { lt: new Date(Date.now() - olderThanMs) } },
      orderBy: { id: 'asc' },
      take,
      select: { id: true, stream: true, payload: true },
    });
  }

  /** Published rows are kept a day for inspection, then removed. */
  prune(before: Date): Promise<{ count: number }> {
    return this.db.workflowOutbox.deleteMany({ where: { publishedAt: { lt: before } } });
  }
}
