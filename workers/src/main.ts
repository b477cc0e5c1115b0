import 'reflect-metadata';
import { createLogger, loadEnv, stopOnSignals } from '@opshub/config';
import { WORKERS_KEYS } from './modules.js';
import { startWorkers } from './runtime/start-workers.js';

// One validation of every module's settings: each problem is reported, all in one error, before anything starts.
const env = loadEnv(WORKERS_KEYS);
const log = createLogger('workers', env.LOG_LEVEL);
const starting = startWorkers({ env, log });
// Handlers go in before the start finishes: a signal during start-up stops once start-up is done.
// The graceful stop waits WORKER_SHUTDOWN_MS for running jobs; past that and a margin, exit regardless
// (inside Docker's 30 s stop_grace_period, compose.yml).
stopOnSignals(log, [async () => (await starting).stop()], env.WORKER_SHUTDOWN_MS + 5_000);
await starting;
