export { ConfigError, envSchema, loadEnv } from './env.js';
export { withEnvFiles } from './env-file.js';
export type { Env, EnvKey } from './env.js';
export { createLogger } from './logger.js';
export type { Logger } from './logger.js';
