import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import type { Logger } from '@opshub/config';
import { serveClusterMetrics } from './metrics-cluster.js';

/** GATEWAY_WORKERS: unset means one process per core; 1 means no cluster (this process serves). */
export function gatewayProcessCount(setting: number | undefined): number {
  return setting ?? availableParallelism();
}

export interface ClusterOptions {
  workers: number;
  log: Logger;
  /** How long the workers may take to stop after SIGTERM before they are killed (their own deadline + margin). */
  stopDeadlineMs?: number;
  /** A worker that dies this soon after starting counts as a crash loop (default 10 s). */
  minUptimeMs?: number;
  /** Crashes in a row within `minUptimeMs` after which the primary gives up and exits 1 (default 5). */
  maxQuickCrashes?: number;
}

/** The primary's word to a worker to stop (over the cluster's IPC channel, not a signal). */
const STOP = 'opshub:gateway-stop';

/** Tells a worker to stop; one whose channel is already closed is on its way out anyway. */
function tellToStop(worker: Worker): void {
  if (worker.isConnected()) worker.send(STOP);
}

/**
 * A cluster worker's life: start, then stop gracefully when the primary says so, or when the
 * primary is gone (the IPC channel closes). Signals are the primary's to handle: `npm run down`
 * and a terminal's Ctrl-C signal the whole process group, and a worker stopping on the signal and
 * again on the primary's word would take the second as "exit now" and drop its connections.
 */
export async function runClusterWorker<R>(spec: {
  log: Logger;
  start: () => Promise<R>;
  stop: (running: R) => Promise<unknown>;
  deadlineMs?: number;
}): Promise<void> {
  const { log } = spec;
  const ignore = (): void => undefined;
  process.on('SIGTERM', ignore);
  process.on('SIGINT', ignore);
  const starting = spec.start();
  let stopping = false;
  const stop = async (why: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    log.info({ why }, 'gateway worker stopping');
    setTimeout(() => {
      log.error('gateway worker stop did not finish in time: exiting');
      process.exit(1);
    }, spec.deadlineMs ?? 10_000).unref();
    try {
      await spec.stop(await starting);
      process.exit(0);
    } catch (err) {
      log.error({ err }, 'gateway worker stop failed');
      process.exit(1);
    }
  };
  process.on('message', (message) => {
    if (message === STOP) void stop('asked by the primary');
  });
  process.on('disconnect', () => void stop('the primary is gone'));
  await starting;
}

/**
 * The primary of a node:cluster gateway: forks `workers` gateway processes, which share the public
 * (and admin) port: the primary accepts connections and hands them out round-robin. Every worker is
 * a whole gateway: subscription events reach each through its own upstream sockets to the
 * subgraphs (which read Redis) and revocations through Redis, so any worker can serve any client.
 *
 * A worker that dies is replaced (a crash loop — `maxQuickCrashes` quick deaths in a row — stops the
 * primary instead). SIGTERM/SIGINT: every worker is told to stop and does so gracefully (its HTTP
 * drain, its WebSockets closed); the primary resolves once all have exited, with 1 if any stop
 * failed or hung (killed after `stopDeadlineMs`). A second signal kills them at once.
 */
export function runGatewayCluster(options: ClusterOptions): Promise<number> {
  const { workers, log } = options;
  const stopDeadlineMs = options.stopDeadlineMs ?? 15_000;
  const minUptimeMs = options.minUptimeMs ?? 10_000;
  const maxQuickCrashes = options.maxQuickCrashes ?? 5;
  const startedAt = new Map<Worker, number>();
  let quickCrashes = 0;
  let stopping = false;
  let failed = false;
  let listening = 0;

  return new Promise<number>((resolve) => {
    const fork = (): void => {
      const worker = cluster.fork();
      startedAt.set(worker, Date.now());
      worker.once('listening', () => {
        // The first address a worker listens on (the admin listener may come first or second).
        if (++listening === workers) log.info({ workers }, 'gateway cluster ready');
      });
    };

    // A worker's /metrics answers with every process's figures, collected through the primary.
    const stopServingMetrics = serveClusterMetrics();
    const finish = (code: number): void => {
      stopServingMetrics();
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      resolve(code);
    };

    cluster.on('exit', (worker, code, signal) => {
      const uptime = Date.now() - (startedAt.get(worker) ?? Date.now());
      startedAt.delete(worker);
      if (stopping) {
        if (code !== 0) failed = true;
        if (startedAt.size === 0) finish(failed ? 1 : 0);
        return;
      }
      quickCrashes = uptime < minUptimeMs ? quickCrashes + 1 : 0;
      log.error({ pid: worker.process.pid, code, signal, uptimeMs: uptime }, 'gateway worker died');
      if (quickCrashes >= maxQuickCrashes) {
        log.fatal({ crashes: quickCrashes }, 'gateway workers keep dying at start: stopping the cluster');
        stopping = true;
        failed = true;
        if (startedAt.size === 0) finish(1);
        for (const other of startedAt.keys()) tellToStop(other);
        return;
      }
      fork();
    });

    const onSignal = (signal: NodeJS.Signals): void => {
      if (stopping) {
        log.warn({ signal }, 'second signal: killing the gateway workers');
        for (const worker of startedAt.keys()) worker.process.kill('SIGKILL');
        return;
      }
      stopping = true;
      log.info({ signal, workers: startedAt.size }, 'stopping the gateway workers');
      if (startedAt.size === 0) return finish(0);
      for (const worker of startedAt.keys()) tellToStop(worker);
      setTimeout(() => {
        log.error({ deadlineMs: stopDeadlineMs }, 'gateway workers did not stop in time: killing them');
        failed = true;
        for (const worker of startedAt.keys()) worker.process.kill('SIGKILL');
      }, stopDeadlineMs).unref();
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);

    log.info({ workers }, 'starting gateway workers');
    for (let i = 0; i < workers; i++) fork();
  });
}
