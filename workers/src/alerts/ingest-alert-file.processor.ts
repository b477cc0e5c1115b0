import type { AlertsServices, IngestResult } from '@opshub/alerts';
import { UnrecoverableError } from 'bullmq';
import type { Processor } from '../runtime/processor-registry.js';

/**
 * Ingests one alert file through the alerts services. Bad records are quarantined by the service and
 * the job succeeds with the counts; a refused file (corrupt, truncated) fails without retry, its reason
 * in the job and in the quarantine; a database failure is retried (ingest is idempotent).
 */
export function ingestAlertFileProcessor(
  alerts: Pick<AlertsServices, 'ingest'>,
): Processor<'ingest-alert-file'> {
  return async (job): Promise<IngestResult> => {
    const result = await alerts.ingest.ingestFile(job.data.path, ({ done, total }) => {
      void job.updateProgress(total ? Math.round((done / total) * 100) : 100);
    });
    if (result.refused) throw new UnrecoverableError(`${result.source} refused: ${result.refused}`);
    return result;
  };
}
