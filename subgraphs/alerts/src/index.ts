export { buildAlertsSchema } from './schema.js';
export { createAlertsServices } from './services.js';
export type { AlertsServices } from './services.js';
export { demoObjects, seedAlertsDemo } from './dia-object/dia-object.seed.js';
export type { DiaObjectInput } from './dia-object/dia-object.input.js';
export type { DiaObjectService } from './dia-object/dia-object.service.js';
export {
  angularDistanceDeg,
  coneBoxes,
  MAX_RADIUS_ARCSEC,
  ZONE_HEIGHT_DEG,
  zoneOf,
} from './dia-object/sky-zones.js';
export { buildOfflineSchema, printSdl } from './schema.js';
export { ALERTS_SUBGRAPH_KEYS, startAlertsSubgraph } from './start.js';
export type { AlertsSubgraphSettings } from './start.js';
