export { ConfigError, envSchema, loadEnv } from './env.js';
export { withEnvFiles } from './env-file.js';
export type { Env, EnvKey } from './env.js';
export { createLogger, REDACTED_PATHS } from './logger.js';
export { SUBGRAPHS } from './subgraphs.js';
export type { Subgraph, SubgraphName } from './subgraphs.js';
export type { Logger } from './logger.js';
export { productionSecretProblems, safeUrl, weakSecret } from './secrets.js';
