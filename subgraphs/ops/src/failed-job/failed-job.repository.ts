import type { Db, FailedJob, Prisma } from '@opshub/db';

export type FailedJobRow = FailedJob;

export interface NewFailedJob {
  queue: string;
  jobId: string;
  name: string;
  data: Prisma.InputJsonValue;
  reason: string;
  stack: string | null;
  attemptsMade: number;
}

export class FailedJobRepository {
  constructor(private readonly db: Db) {}

  insert(row: NewFailedJob): Promise<FailedJobRow> {
    return this.db.failedJob.create({ data: row });
  }

  /** Newest first; keyset on id so pages are stable while failures are added. */
  page(queue: string, take: number, beforeId?: bigint): Promise<FailedJobRow[]> {
    return this.db.failedJob.findMany({
      where: { queue, ...(beforeId !== undefined ? { id: { lt: beforeId } } : {}) },
      orderBy: { id: 'desc' },
      take,
    });
  }

  count(queue: string): Promise<number> {
    return this.db.failedJob.count({ where: { queue } });
  }
}
