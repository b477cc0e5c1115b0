export { authChecker, requireRole } from './auth-checker.js';
export { resolver } from './container.js';
export type { ResolverEntry } from './container.js';
export type { SubgraphContext } from './context.js';
export { buildFederatedSchema, subgraphSchema, JSONScalar, printSubgraphSdl } from './schema-builder.js';
export type {
  BuiltSubgraph,
  ReferenceResolvers,
  SubgraphDefinition,
  SubgraphSchema,
} from './schema-builder.js';
export { errorMasking, maskingPlugin, unauthenticated } from './masking.js';
export type { MaskingContext, MaskingOptions } from './masking.js';
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
export { csvField, csvLine, defuseFormula, sqlDefusedText } from './csv.js';
export { subscribeOn } from './subscription.js';
export { seededRandom } from './seeded-random.js';
export { sourceUrl } from './source-url.js';
export type { SourceUrlOptions } from './source-url.js';
export { startSubgraph, SUBGRAPH_BASE_KEYS } from './start.js';
export type { SubgraphBaseEnv, SubgraphOpening, SubgraphSettings } from './start.js';
