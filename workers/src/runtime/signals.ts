import type { Logger } from '@opshub/config';

/**
 * SIGTERM / SIGINT: the first one stops gracefully, then exits; a second one exits at once, for an
 * operator who will not wait. The process exits after `deadlineMs` whatever the stop is waiting for
 * (a stalled database write, a hung socket): a stop that never ends would otherwise leave the
 * orchestrator's SIGKILL as the only way out, and a hub on a bare host with none.
 */
export function exitOnSignals(stop: () => Promise<unknown>, log: Logger, deadlineMs = 30_000): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) {
      log.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    log.info({ signal, deadlineMs }, 'stopping; send the signal again to exit at once');
    setTimeout(() => {
      log.error({ deadlineMs }, 'stop did not finish in time: exiting');
      process.exit(1);
    }, deadlineMs).unref();
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
