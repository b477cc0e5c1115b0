export { buildDcsSchema } from './schema.js';
export { createDcsServices } from './services.js';
export type { DcsServices } from './services.js';
export { CHANNEL_DEFAULTS, demoDevices, seedDcsDemo } from './device/device.seed.js';
export { DeviceKind } from './device/device-kind.js';
export type { DeviceInput } from './device/device.input.js';
export type { DeviceService } from './device/device.service.js';
export { buildOfflineSchema, printSdl } from './sdl.js';
