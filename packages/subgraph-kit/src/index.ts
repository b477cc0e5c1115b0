export { authChecker, requireRole } from './auth-checker.js';
export { Container } from './container.js';
export type { SubgraphContext } from './context.js';
export { buildFederatedSchema, JSONScalar } from './schema-builder.js';
export type { BuiltSubgraph, ReferenceResolvers, SubgraphSchemaOptions } from './schema-builder.js';
export { startSubgraphServer } from './server.js';
export type { RunningSubgraph, SubgraphServerOptions } from './server.js';
export { Resources, serveSubgraph } from './serve.js';
export type { ServeSubgraphOptions } from './serve.js';
export {
  Connection,
  decodeCursor,
  encodeCursor,
  PageArgs,
  PageInfo,
  pageArgs,
  toConnection,
} from './connection.js';
export type { ConnectionShape, Edge } from './connection.js';
export { BatchLoader, loaderFor } from './loader.js';
export { stopOnSignals } from './shutdown.js';
