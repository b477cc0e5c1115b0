export { buildDcsSchema } from './schema.js';
export { createDcsServices } from './services.js';
export type { DcsDeps, DcsServices } from './services.js';
export { CHANNEL_DEFAULTS, demoDevices, seedDcsDemo } from './device/device.seed.js';
export { DeviceKind } from './device/device-kind.js';
export type { DeviceInput } from './device/device.input.js';
export type { DeviceReport, DeviceService } from './device/device.service.js';
export { buildOfflineSchema, printSdl } from './schema.js';
export { DCS_STREAMS } from './events.js';
export type { AlarmRaisedEvent, DeviceStateChangedEvent, ReadingsAddedEvent } from './events.js';
export { createJobDispatcher } from './command/job-dispatcher.js';
export type { ChillerAction, ChillerOutcome, DeviceDispatcher } from './command/device-dispatcher.js';
export type { IncomingMessage } from './ingest/ingest.service.js';
export { standSubscriptions } from './ingest/stand-topics.js';
export {
  chillerStateOf,
  GarbledAnswerError,
  JULABO,
  parseNumber,
  parseStatus,
} from './chiller/julabo-protocol.js';
export type { ChillerState } from './chiller/julabo-protocol.js';
export { highVoltageGuard, hvIsOn, lowVoltageGuard, moduleState, systemState } from './caen/module-fsm.js';
export { DEFAULT_INTERLOCK_SETTINGS, INTERLOCKS } from './interlock/interlock.rules.js';
export type { InterlockSettings } from './interlock/interlock.rules.js';
export { AlarmSeverity } from './alarm/alarm.type.js';
export { THRESHOLD_RULES } from './alarm/alarm-rules.js';
export type { ReadingRow } from './reading/reading.repository.js';
export { formatModuleMap, moduleMapDevices, parseModuleMap } from './device/module-map.js';
export type { ModuleMap } from './device/module-map.js';
export { payloadText } from './dead-letter/dead-letter.service.js';
export { SupplyKind } from './command/command.type.js';
export { DcsRetentionRepository } from './retention/dcs-retention.repository.js';
export { DCS_SUBGRAPH_KEYS, startDcsSubgraph } from './start.js';
export type { DcsSubgraphSettings } from './start.js';
