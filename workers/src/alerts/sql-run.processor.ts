import type { AlertsServices } from '@opshub/alerts';
import type { Processor } from '../runtime/processor-registry.js';

/**
 * Runs one submitted read-only SQL query into its CSV and JSON files. A query refused or timed out
 * is recorded on the run (the job succeeds: no retry fixes it); anything else is retried, and once
 * the last attempt has failed the run is marked FAILED so it does not stay RUNNING.
 */
export function sqlRunProcessor(alerts: Pick<AlertsServices, 'sql'>): Processor<'run-sql-query'> {
  return async (job) => {
    try {
      const run = await alerts.sql.execute(job.data.runId);
      return run
        ? { runId: job.data.runId, state: run.state, rowCount: run.rowCount?.toString() ?? null }
        : null;
    } catch (error) {
      const attempts = job.opts.attempts ?? 1;
      if (job.attemptsMade + 1 >= attempts)
        await alerts.sql.abandon(job.data.runId, error instanceof Error ? error.message : String(error));
      throw error;
    }
  };
}
