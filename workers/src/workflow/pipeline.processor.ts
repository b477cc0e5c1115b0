import type { RunPipelinePayload } from '@opshub/jobs';
import { Executive, type WorkflowServices } from '@opshub/workflow';
import { UnrecoverableError, type Job } from 'bullmq';

/** The pipeline driver at one executive's ARC: runs the pipeline for an OUS in Processing. */
export function runPipelineProcessor(workflow: Pick<WorkflowServices, 'pipeline'>) {
  return async (job: Job<RunPipelinePayload>): Promise<unknown> => {
    const { ousId, executive } = job.data;
    if (!(executive in Executive))
      throw new UnrecoverableError(`Unknown executive ${JSON.stringify(executive)}`);
    return workflow.pipeline.run(ousId, executive as Executive, {
      queue: job.queueName,
      jobId: job.id ?? null,
    });
  };
}
