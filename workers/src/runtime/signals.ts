import type { Logger } from '@opshub/config';

/**
 * SIGTERM / SIGINT: the first one stops gracefully (bounded by the caller's stop), then exits;
 * a second one exits at once, for an operator who will not wait.
 */
export function exitOnSignals(stop: () => Promise<unknown>, log: Logger): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) {
      log.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    log.info({ signal }, 'stopping; send the signal again to exit at once');
    stop().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, 'stop failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
