import type { WorkflowServices } from '@opshub/workflow';
import type { Processor } from '../runtime/processor-registry.js';

/** The batch helper: picks the recipe of a new OUS. */
export function assignRecipeProcessor(
  workflow: Pick<WorkflowServices, 'recipes'>,
): Processor<'assign-recipe'> {
  return (job) => workflow.recipes.assign(job.data.ousId);
}
