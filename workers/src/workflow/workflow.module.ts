import { JOB_QUEUE, PIPELINE_JOB } from '@opshub/jobs';
import { EventBus } from '@opshub/events';
import {
  bullWorkflowJobs,
  createWorkflowServices,
  demoSettings,
  Executive,
  WorkflowDemo,
  type WorkflowServices,
} from '@opshub/workflow';
import type { WorkerModule } from '../runtime/processor-registry.js';
import { schedule } from '../runtime/schedulers.js';
import { trackDeliveryProcessor } from './delivery.processor.js';
import { demoTickProcessor } from './demo.processor.js';
import { ingestProductsProcessor } from './ingestion.processor.js';
import { runPipelineProcessor } from './pipeline.processor.js';
import { reconcileProcessor } from './reconcile.processor.js';
import { assignRecipeProcessor } from './recipe.processor.js';
import { replicateProductsProcessor } from './replication.processor.js';
import type { WorkflowWorkerSettings } from './workflow-settings.js';

export interface WorkflowModuleOptions extends WorkflowWorkerSettings {
  /** An event bus to publish transitions on (default: one of the module's own, closed at stop). */
  events?: EventBus;
  /** Called with the services once built (tests drive and inspect the same instances). */
  onServices?: (services: WorkflowServices) => void;
}

/**
 * The workflow's actors as BullMQ processors: batch helper, pipeline driver (one queue per
 * executive, capped across processes), replicated cache, product ingestor, data tracker, the
 * reconciler, and the demo when it is on. Each calls the workflow services; none writes a table.
 */
export function workflowModule(options: WorkflowModuleOptions): WorkerModule {
  return async (registry, deps) => {
    let events = options.events;
    if (!events) {
      const own = await EventBus.connect(deps.redisUrl, deps.redisPrefix);
      deps.onStop(() => own.close());
      events = own;
    }
    const workflow = createWorkflowServices(deps.db, events, deps.log, {
      jobs: bullWorkflowJobs(deps.queue),
      store: { productRoot: options.productRoot, archiveRoot: options.archiveRoot },
      seed: options.seed,
      pipeline: { durationMs: options.pipelineMs, failureRate: options.failureRate },
    });
    options.onServices?.(workflow);

    registry.register('assign-recipe', assignRecipeProcessor(workflow));
    for (const executive of Object.values(Executive)) {
      const job = PIPELINE_JOB[executive];
      registry.register(job, runPipelineProcessor(workflow));
      // Torque/Maui's cap: a global concurrency on the executive's queue holds across every worker process.
      await deps.queue(JOB_QUEUE[job]).setGlobalConcurrency(options.pipelineConcurrency);
    }
    registry.register('replicate-products', replicateProductsProcessor(workflow));
    registry.register('ingest-products', ingestProductsProcessor(workflow));
    registry.register('track-delivery', trackDeliveryProcessor(workflow));
    registry.register('workflow-reconcile', reconcileProcessor(workflow));
    if (options.demo.enabled) {
      const demo = new WorkflowDemo(
        workflow.ous,
        demoSettings(options.seed, options.demo.everyMs),
        workflow.tracker,
      );
      registry.register('workflow-demo-tick', demoTickProcessor(demo));
      deps.schedule(schedule({ id: 'workflow-demo', job: 'workflow-demo-tick', every: 1_000, data: {} }));
      deps.log.info(
        { everyMs: options.demo.everyMs, programId: demo.settings.programId },
        'workflow demo on',
      );
    }
  };
}
