import type { WorkerModule } from '../runtime/processor-registry.js';
import { pruneSessionsProcessor } from './prune-sessions.processor.js';

/** The ops domain's jobs. */
export const registerOps: WorkerModule = (registry, deps) => {
  registry.register('prune-sessions', pruneSessionsProcessor(deps.ops.sessions));
};
