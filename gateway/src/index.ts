export { createGateway } from './create-gateway.js';
export type { GatewayOptions, RunningGateway } from './create-gateway.js';
export { GATEWAY_KEYS, startGateway } from './start.js';
export type { GatewayEnv, GatewaySettings } from './start.js';
export type { SharingStats } from './subscriptions/hub.js';
export { composeSupergraph, CompositionError } from './composition.js';
export type { ComposedSupergraph, SubgraphSource } from './composition.js';
export { checkLimits, DEFAULT_LIMITS, parseWithLimits } from './limits.js';
export type { QueryLimits } from './limits.js';
