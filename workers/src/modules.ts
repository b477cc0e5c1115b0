import { registerOps } from './processors/ops.module.js';
import type { WorkerModule } from './runtime/processor-registry.js';

/** The domains whose processors the workers run. Each module registers its jobs; add yours here. */
export const DEFAULT_MODULES: readonly WorkerModule[] = [registerOps];
