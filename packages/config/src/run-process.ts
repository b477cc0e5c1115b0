import { loadEnv, type Env, type EnvKey } from './env.js';
import { createLogger, type Logger } from './logger.js';
import { stopOnSignals } from './stop-on-signals.js';

export interface ProcessSpec<K extends EnvKey, R> {
  /** The logger's name (`gateway`, `workflow`, `workers`…). */
  name: string;
  /** Every setting the process reads, validated together once (each problem reported in one error). */
  keys: readonly K[];
  start: (deps: { env: Env<K | 'LOG_LEVEL'>; log: Logger }) => Promise<R>;
  stop: (running: R) => Promise<unknown>;
  /** How long the stop may take before the process exits regardless (default: stopOnSignals'). */
  deadlineMs?: (env: Env<K | 'LOG_LEVEL'>) => number;
}

/**
 * The `main` of every deployable: settings → logger → start → stop on SIGTERM/SIGINT. The stop is
 * registered before the start finishes, so a signal during start-up stops once start-up is done.
 */
export async function runProcess<K extends EnvKey, R>(spec: ProcessSpec<K, R>): Promise<R> {
  const env = loadEnv<K | 'LOG_LEVEL'>([...spec.keys, 'LOG_LEVEL']);
  const log = createLogger(spec.name, env.LOG_LEVEL);
  const starting = spec.start({ env, log });
  stopOnSignals(log, [async () => spec.stop(await starting)], spec.deadlineMs?.(env));
  return starting;
}
