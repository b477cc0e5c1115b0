export { buildAlertsSchema } from './schema.js';
export { createAlertsServices, openAlertsServices } from './services.js';
export type { AlertsServices } from './services.js';
export { demoObjects, seedAlertsDemo } from './dia-object/dia-object.seed.js';
export type { DiaObjectInput } from './dia-object/dia-object.input.js';
export type { DiaObjectService } from './dia-object/dia-object.service.js';
export {
  angularDistanceDeg,
  boxList,
  coneBoxes,
  MAX_RADIUS_ARCSEC,
  ZONE_HEIGHT_DEG,
  zoneOf,
} from './dia-object/sky-zones.js';
export { buildOfflineSchema, printSdl } from './schema.js';
export { ALERTS_SUBGRAPH_KEYS, startAlertsSubgraph } from './start.js';
export type { AlertsSubgraphSettings } from './start.js';
export { ALERTS_STREAMS } from './events.js';
export type { AlertIngestedEvent } from './events.js';
export { encodeAlertContainer, ELASTICC_DATA_DIR } from './ingest/alert-schema.js';
export type { IngestProgress, IngestResult } from './ingest/alert-ingest.service.js';
export type { AlertIngestService } from './ingest/alert-ingest.service.js';
export type { AlertsDeps } from './services.js';
export type {
  AlertSourceService,
  AlertSourceSettings,
  PullOutcome,
} from './alert-source/alert-source.service.js';
export { importAlerts, registerAlertsCommands } from './cli/alerts.command.js';
export type { CliOutput } from './cli/alerts.command.js';
export { DEFAULT_SQL_SETTINGS } from './sql/sql.service.js';
export type { SqlService, SqlSettings } from './sql/sql.service.js';
export { SQL_READER_ROLE } from './sql/sql-reader.repository.js';
export { bullSqlJobs } from './sql/sql-jobs.js';
export { brokerMessageRestHandler } from './broker/broker-message.rest.js';
export type { RestHandler, RestReply, RestRequest } from './rest/rest-handler.js';
