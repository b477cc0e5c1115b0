import { registerDcs } from './dcs/dcs.module.js';
import { registerOps } from './processors/ops.module.js';
import type { WorkerModule } from './runtime/processor-registry.js';
import { registerWorkflow } from './workflow/workflow.module.js';

/** The domains whose processors the workers run. Each module registers its jobs; add yours here. */
export const DEFAULT_MODULES: readonly WorkerModule[] = [registerOps, registerDcs, registerWorkflow];
