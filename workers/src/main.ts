import 'reflect-metadata';
import { runProcess } from '@opshub/config';
import { WORKERS_KEYS } from './modules.js';
import { startWorkers } from './runtime/start-workers.js';

// One validation of every module's settings: each problem is reported, all in one error, before anything starts.
await runProcess({
  name: 'workers',
  keys: WORKERS_KEYS,
  start: startWorkers,
  stop: (workers) => workers.stop(),
  // The graceful stop waits WORKER_SHUTDOWN_MS for running jobs; past that and a margin, exit regardless
  // (inside Docker's 30 s stop_grace_period, compose.yml).
  deadlineMs: (env) => env.WORKER_SHUTDOWN_MS + 5_000,
});
