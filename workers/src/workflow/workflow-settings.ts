import type { Env } from '@opshub/config';
import { randomSeed } from '@opshub/workflow';

/** What the workflow's workers need to know; tests pass their own, `main` reads the environment. */
export interface WorkflowWorkerSettings {
  productRoot: string;
  archiveRoot: string;
  /** How long a simulated pipeline run takes (ms). */
  pipelineMs: number;
  /** Share of pipeline runs that exit with code 2. */
  failureRate: number;
  /** Runs at once per executive, across every worker process (BullMQ global concurrency). */
  pipelineConcurrency: number;
  seed: string;
  demo: { enabled: boolean; everyMs: number };
}

/** The settings the workflow module reads in the workers process (validated once with the others', by main). */
export const WORKFLOW_WORKER_KEYS = [
  'WORKFLOW_PRODUCT_ROOT',
  'WORKFLOW_ARCHIVE_ROOT',
  'WORKFLOW_PIPELINE_MS',
  'WORKFLOW_PIPELINE_CONCURRENCY',
  'WORKFLOW_SEED',
  'WORKFLOW_DEMO',
  'WORKFLOW_DEMO_EVERY_MS',
] as const;

/** The workflow settings from the process's validated settings (every key has a default). */
export function workflowSettingsOf(env: Env<(typeof WORKFLOW_WORKER_KEYS)[number]>): WorkflowWorkerSettings {
  return {
    productRoot: env.WORKFLOW_PRODUCT_ROOT,
    archiveRoot: env.WORKFLOW_ARCHIVE_ROOT,
    pipelineMs: env.WORKFLOW_PIPELINE_MS,
    failureRate: 0.1,
    pipelineConcurrency: env.WORKFLOW_PIPELINE_CONCURRENCY,
    seed: env.WORKFLOW_SEED ?? randomSeed(),
    demo: { enabled: env.WORKFLOW_DEMO, everyMs: env.WORKFLOW_DEMO_EVERY_MS },
  };
}
