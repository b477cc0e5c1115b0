import type { Db, FailedJob, Prisma } from '@opshub/db';

export type FailedJobRow = FailedJob;

export interface NewFailedJob {
  queue: string;
  jobId: string;
  name: string;
  /** The job's payload as the runtime had it; stored as JSON. */
  data: unknown;
  reason: string;
  stack: string | null;
  attemptsMade: number;
}

/** Job payloads are JSON already; anything else (undefined, functions) must not break the record. */
function toJson(value: unknown): Prisma.InputJsonValue {
  if (value === undefined || value === null) return {};
  return JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;
}

export class FailedJobRepository {
  constructor(private readonly db: Db) {}

  insert(row: NewFailedJob): Promise<FailedJobRow> {
    return this.db.failedJob.create({ data: { ...row, data: toJson(row.data) } });
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
