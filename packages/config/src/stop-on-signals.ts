import type { Logger } from './logger.js';

/** One step of a process's stop: a server, a pool, a connection. */
export type Closer = () => Promise<unknown> | unknown;

/**
 * The one shutdown handler of every process (gateway, subgraphs, workers). On SIGTERM/SIGINT it runs
 * `closers` in order (the server first, then what it uses), each even when an earlier one failed,
 * then exits: status 0, or 1 when a closer failed. A second signal exits at once, for an operator
 * who will not wait. The process exits with status 1 at `deadlineMs` whatever the stop is waiting
 * for (a stalled database write, a hung socket): a stop that never ends would otherwise leave the
 * orchestrator's SIGKILL as the only way out, and a hub on a bare host with none.
 */
export function stopOnSignals(log: Logger, closers: readonly Closer[], deadlineMs = 10_000): void {
  let stopping = false;
  const stop = async (signal: NodeJS.Signals): Promise<void> => {
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
    let failed = false;
    for (const close of closers) {
      try {
        await close();
      } catch (err) {
        failed = true;
        log.error({ err }, 'stop failed');
      }
    }
    process.exit(failed ? 1 : 0);
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, (s) => void stop(s));
}
