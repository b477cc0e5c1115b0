import { BadUserInputError } from '@opshub/errors';
import { pageArgs, toConnection, type ConnectionShape, type PageArgs } from '@opshub/subgraph-kit';
import type { FailedJobRepository, FailedJobRow } from './failed-job.repository.js';
import type { FailedJob } from './failed-job.type.js';

/** What the workers runtime reports when a job has no retries left. */
export interface FailedJobReport {
  queue: string;
  jobId: string;
  name: string;
  data: unknown;
  reason: string;
  stack?: string | null;
  attemptsMade: number;
}

function toFailedJob(row: FailedJobRow): FailedJob {
  return {
    id: String(row.id),
    queue: row.queue,
    jobId: row.jobId,
    name: row.name,
    data: row.data,
    reason: row.reason,
    stack: row.stack,
    attemptsMade: row.attemptsMade,
    failedAt: row.failedAt,
  };
}

export class FailedJobService {
  constructor(private readonly failed: FailedJobRepository) {}

  async record(report: FailedJobReport): Promise<FailedJob> {
    const row = await this.failed.insert({
      queue: report.queue,
      jobId: report.jobId,
      name: report.name,
      data: report.data,
      reason: report.reason,
      stack: report.stack ?? null,
      attemptsMade: report.attemptsMade,
    });
    return toFailedJob(row);
  }

  async page(queue: string, args: PageArgs): Promise<ConnectionShape<FailedJob>> {
    const { first, after } = pageArgs(args);
    const key = after?.[0];
    if (after && (typeof key !== 'string' || !/^\d+$/.test(key))) {
      throw new BadUserInputError('Invalid cursor: pass an endCursor returned by this API', {
        argument: 'after',
      });
    }
    const [rows, total] = await Promise.all([
      this.failed.page(queue, first + 1, key !== undefined ? BigInt(key) : undefined),
      this.failed.count(queue),
    ]);
    return toConnection(rows, first, total, toFailedJob, (r) => [String(r.id)]);
  }
}
