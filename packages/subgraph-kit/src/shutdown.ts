import type { Logger } from '@opshub/config';

/**
 * On SIGTERM/SIGINT: runs `closers` in order (server first, then its connections), then exits.
 * Bounded, so a stuck connection cannot keep a stopping process alive; a second signal exits at once.
 */
export function stopOnSignals(
  log: Logger,
  closers: (() => Promise<unknown> | unknown)[],
  boundMs = 10_000,
): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    log.info({ signal }, 'stopping');
    setTimeout(() => {
      log.warn({ boundMs }, 'shutdown bound reached; exiting');
      process.exit(1);
    }, boundMs).unref();
    for (const close of closers) {
      try {
        await close();
      } catch (error) {
        log.warn({ err: error }, 'error while stopping');
      }
    }
    process.exit(0);
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, (s) => void stop(s));
}
