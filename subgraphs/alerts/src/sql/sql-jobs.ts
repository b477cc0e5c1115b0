import type { Producer } from '@opshub/jobs';
import type { SqlJobs } from './sql.service.js';

/** Submitted runs as `run-sql-query` jobs; the job id is the run's, so a repeated enqueue adds nothing. */
export function bullSqlJobs(producer: Pick<Producer, 'enqueue'>): SqlJobs {
  return {
    enqueue: async (runId) => {
      await producer.enqueue('run-sql-query', { runId }, { jobId: `sql-run-${runId}` });
    },
  };
}
