import { pino, type Logger } from 'pino';

export type { Logger };

/** One JSON logger per process, named after the process. */
export function createLogger(name: string, level: string = 'info'): Logger {
  return pino({ name, level, base: { service: name } });
}
