export { buildDqmSchema } from './schema.js';
export { createDqmServices } from './services.js';
export type { DqmServices } from './services.js';
export { demoRuns, seedDqmDemo } from './dqm-run/dqm-run.seed.js';
export type { DqmRunInput } from './dqm-run/dqm-run.input.js';
export type { DqmRunService } from './dqm-run/dqm-run.service.js';
export { buildOfflineSchema, printSdl } from './schema.js';
export { DQM_SUBGRAPH_KEYS, startDqmSubgraph } from './start.js';
export type { DqmSubgraphSettings } from './start.js';
