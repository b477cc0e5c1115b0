import type { RunPipelinePayload } from '@opshub/jobs';
import { Executive, type WorkflowServices } from '@opshub/workflow';
import { UnrecoverableError, type Job } from 'bullmq';

/** The pipeline driver at one executive's ARC: runs the pipeline for an OUS in Processing. */
export function runPipelineProcessor(workflow: Pick<WorkflowServices, 'pipeline'>) {
  return async (job: Job<RunPipelinePayload>): Promise<unknown> => {
    const { ousId } = job.data;
    // A payload from outside the type system (an older producer, a hand-made job) may name none.
    const executive = Object.values(Executive).find((e) => e === job.data.executive);
    if (!executive) throw new UnrecoverableError(`Unknown executive ${JSON.stringify(job.data.executive)}`);
    return workflow.pipeline.run(ousId, executive, {
      queue: job.queueName,
      jobId: job.id ?? null,
    });
  };
}
