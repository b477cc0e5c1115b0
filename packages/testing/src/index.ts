export { adminUrl, createTestDatabase, ensureTemplate } from './database.js';
export type { TestDatabase } from './database.js';
export { freePort, TEST_SECRET, testMqttUrl, testRedisUrl, uniquePrefix } from './isolation.js';
export { startMosquitto, startShippedMosquitto } from './mosquitto.js';
export type { RunningMosquitto, ShippedMosquitto } from './mosquitto.js';
export { startRedisServer } from './redis-server.js';
