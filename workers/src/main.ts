import 'reflect-metadata';
import { createLogger, loadEnv, stopOnSignals } from '@opshub/config';
import { startWorkers } from './runtime/start-workers.js';

const env = loadEnv([
  'DATABASE_URL',
  'REDIS_URL',
  'REDIS_PREFIX',
  'LOG_LEVEL',
  'WORKER_SHUTDOWN_MS',
  'SESSION_TTL_HOURS',
]);
const log = createLogger('workers', env.LOG_LEVEL);
const starting = startWorkers({
  databaseUrl: env.DATABASE_URL,
  redisUrl: env.REDIS_URL,
  redisPrefix: env.REDIS_PREFIX,
  sessionTtlHours: env.SESSION_TTL_HOURS,
  shutdownMs: env.WORKER_SHUTDOWN_MS,
  log,
});
// Handlers go in before the start finishes: a signal during start-up stops once start-up is done.
// The graceful stop waits WORKER_SHUTDOWN_MS for running jobs; past that and a margin, exit regardless
// (inside Docker's 30 s stop_grace_period, compose.yml).
stopOnSignals(log, [async () => (await starting).stop()], env.WORKER_SHUTDOWN_MS + 5_000);
await starting;
