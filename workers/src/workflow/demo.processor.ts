import type { WorkflowDemo } from '@opshub/workflow';
import type { Processor } from '../runtime/processor-registry.js';

/** One step of the demo (registered only when the demo is on). */
export function demoTickProcessor(demo: WorkflowDemo): Processor<'workflow-demo-tick'> {
  return () => demo.tick();
}
