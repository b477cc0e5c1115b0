import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * Paths pino replaces with `[redacted]` in every log line: credentials must never reach a log,
 * whatever object a caller logs (`{ password }`, `{ headers }`, …).
 */
export const REDACTED_PATHS: readonly string[] = [
  'password',
  'token',
  'secret',
  'authorization',
  'cookie',
  '*.password',
  '*.token',
  '*.secret',
  '*.authorization',
  '*.cookie',
  'headers.authorization',
  '*.headers.authorization',
  'headers["x-opshub-internal"]',
  '*.headers["x-opshub-internal"]',
];

/** `scheme://user:password@host` → `scheme://user:[redacted]@host`, anywhere in a string. */
const URL_CREDENTIALS = /([a-z][a-z0-9+.-]*:\/\/[^\s:/@]*):[^\s@/]*@/gi;

/** Scrubs passwords embedded in URLs from every string of a log line (a few levels deep). */
export function scrubCredentials(value: unknown, depth = 0): unknown {
  if (typeof value === 'string')
    return value.includes('://') ? value.replace(URL_CREDENTIALS, '$1:[redacted]@') : value;
  if (depth > 3 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => scrubCredentials(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = scrubCredentials(v, depth + 1);
  return out;
}

/** One JSON logger per process, named after the process (to stdout unless `destination` is given). */
export function createLogger(name: string, level: string = 'info', destination?: DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    name,
    level,
    base: { service: name },
    redact: { paths: [...REDACTED_PATHS], censor: '[redacted]' },
    formatters: { log: (object) => scrubCredentials(object) as Record<string, unknown> },
    hooks: {
      // The message text too: `log.info(`connecting to ${url}`)` must not print a password either.
      logMethod(args, method) {
        method.apply(
          this,
          args.map((a) => (typeof a === 'string' ? (scrubCredentials(a) as string) : a)) as Parameters<
            typeof method
          >,
        );
      },
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
