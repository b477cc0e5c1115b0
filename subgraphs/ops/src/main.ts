import 'reflect-metadata';
import { createLogger, loadEnv } from '@opshub/config';
import { createDb } from '@opshub/db';
import { startSubgraphServer, stopOnSignals } from '@opshub/subgraph-kit';
import { authenticateRoute } from './internal/authenticate.route.js';
import { buildOpsSchema } from './schema.js';
import { createOpsServices } from './services.js';

const env = loadEnv([
  'DATABASE_URL',
  'OPSHUB_SECRET',
  'SUBGRAPH_HOST',
  'OPS_PORT',
  'LOG_LEVEL',
  'SESSION_TTL_HOURS',
  'REDIS_URL',
  'REDIS_PREFIX',
  'LOGIN_ADDRESS_ATTEMPTS',
  'LOGIN_ADDRESS_WINDOW_SECONDS',
  'LOGIN_ADDRESS_BURST',
  'LOGIN_USERNAME_FAILURES',
  'LOGIN_USERNAME_WINDOW_SECONDS',
  'PASSWORD_HASH_CONCURRENCY',
  'PASSWORD_HASH_QUEUE',
]);
const log = createLogger('ops', env.LOG_LEVEL);
const db = createDb(env.DATABASE_URL, { onError: (err) => log.warn({ err }, 'database connection lost') });
const services = createOpsServices(db, {
  sessionTtlHours: env.SESSION_TTL_HOURS,
  redisUrl: env.REDIS_URL,
  redisPrefix: env.REDIS_PREFIX,
  loginLimits: {
    addressAttempts: env.LOGIN_ADDRESS_ATTEMPTS,
    addressWindowSeconds: env.LOGIN_ADDRESS_WINDOW_SECONDS,
    addressBurst: env.LOGIN_ADDRESS_BURST,
    usernameFailures: env.LOGIN_USERNAME_FAILURES,
    usernameWindowSeconds: env.LOGIN_USERNAME_WINDOW_SECONDS,
  },
  passwordHashing: {
    concurrency: env.PASSWORD_HASH_CONCURRENCY,
    maxQueue: env.PASSWORD_HASH_QUEUE,
    isolated: true,
  },
  onRedisError: (err) => log.warn({ err }, 'redis (login limits, revocations)'),
});
const { schema } = await buildOpsSchema(services);
const server = await startSubgraphServer({
  name: 'ops',
  schema,
  host: env.SUBGRAPH_HOST,
  port: env.OPS_PORT,
  secret: env.OPSHUB_SECRET,
  log,
  routes: authenticateRoute(services.sessions, env.OPSHUB_SECRET),
});

stopOnSignals(log, [
  () => server.close(),
  () => services.queues?.close(),
  () => services.close(),
  () => db.$disconnect(),
]);
