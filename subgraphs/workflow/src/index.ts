export { buildWorkflowSchema } from './schema.js';
export { createWorkflowServices } from './services.js';
export type { WorkflowServices } from './services.js';
export { nextPosition, RECIPES, INGESTION_STEPS } from './ous/ous-state-machine.js';
export type { OusMove, OusPosition, OusTarget, Recipe } from './ous/ous-state-machine.js';
export { Executive, OusState } from './ous/ous-state.js';
export { buildOfflineSchema, printSdl } from './sdl.js';
