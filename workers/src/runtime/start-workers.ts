import { createLogger, type Logger } from '@opshub/config';
import { createDb, OUTBOX_TABLES, OutboxTable, type Db } from '@opshub/db';
import { createBullConnection, createQueue, type QueueName } from '@opshub/jobs';
import { createOpsServices, type OpsServices } from '@opshub/ops';
import type { Queue } from 'bullmq';
import { instrumentJobs } from '../metrics-jobs.js';
import { tableCounters } from '../metrics.query.js';
import { WorkerMetrics } from '../metrics.js';
import { metricsListenOf, startMetricsServer, type MetricsListen } from '../metrics-server.js';
import { defaultModules, type WorkerRuntimeEnv, type WorkersEnv } from '../modules.js';
import { ProcessorRegistry, type WorkerDeps, type WorkerModule } from './processor-registry.js';
import { SCHEDULES, startSchedulers, type JobSchedule } from './schedulers.js';
import { WorkerPool, type PoolStopResult, type StallSettings } from './worker-pool.js';

interface StartWorkersCommon {
  /** Default: a `workers` logger at LOG_LEVEL. */
  log?: Logger;
  /** Jobs run at once per queue (default 4). */
  concurrency?: Partial<Record<QueueName, number>>;
  /** Job schedulers to upsert (default: SCHEDULES). */
  schedules?: readonly JobSchedule[];
  /** Stall detection of every worker (default BullMQ's: a dead worker's job runs again after ~30–60 s). */
  stall?: StallSettings;
  /** Serve /metrics and /healthz here (default: WORKERS_METRICS_PORT/HOST of a full WorkersEnv; else none). */
  metrics?: MetricsListen;
}

/**
 * The process's validated settings: with every module's (WORKERS_KEYS) for every domain of the hub,
 * or the runtime's alone with the `modules` to run (tests, e2e, bench).
 */
export type StartWorkersOptions = StartWorkersCommon &
  (
    | { env: WorkersEnv; modules?: undefined }
    | {
        env: WorkerRuntimeEnv;
        /** Domain modules registering processors. */
        modules: readonly WorkerModule[];
      }
  );

export interface RunningWorkers {
  registry: ProcessorRegistry;
  ops: OpsServices;
  /** A producer for a queue (shared connection), for enqueueing from the same process. */
  queue(name: QueueName): Queue;
  /** Graceful stop, bounded by WORKER_SHUTDOWN_MS; closes every connection it opened. Safe to call twice. */
  stop(): Promise<PoolStopResult>;
  /** Job durations of this process; queue depths and ingest counters read at each render. */
  metrics: WorkerMetrics;
  /** `http://host:port` of the /metrics listener, when one was asked for. */
  metricsUrl?: string;
}

/** Starts the BullMQ runtime in this process: processors of every module, the pool and the schedulers. */
export async function startWorkers(options: StartWorkersOptions): Promise<RunningWorkers> {
  const { env } = options;
  const log = options.log ?? createLogger('workers', env.LOG_LEVEL);
  const modules = options.modules === undefined ? defaultModules(options.env) : options.modules;
  const db: Db = createDb(env.DATABASE_URL, {
    onError: (err) => log.warn({ err }, 'database connection lost'),
  });
  const connection = createBullConnection(env.REDIS_URL);
  const ops = createOpsServices(db, { sessionTtlHours: env.SESSION_TTL_HOURS });
  const producers = new Map<QueueName, Queue>();
  const queue = (name: QueueName): Queue => {
    let q = producers.get(name);
    if (!q) {
      q = createQueue(name, connection, env.REDIS_PREFIX);
      producers.set(name, q);
    }
    return q;
  };

  // Connections a module opened (registered with deps.onStop), closed after the pool has drained.
  const moduleClosers: (() => Promise<unknown>)[] = [];
  // Schedulers a module derives from its data (e.g. one poll per registered chiller).
  const moduleSchedules: JobSchedule[] = [];
  const closeAll = async (): Promise<void> => {
    for (const close of moduleClosers.splice(0).reverse()) await close().catch(() => undefined);
    await Promise.all([...producers.values()].map((q) => q.close()));
    await connection.quit().catch(() => undefined);
    await metrics.close();
    await db.$disconnect();
  };

  const registry = new ProcessorRegistry();
  const metrics = new WorkerMetrics({
    tables: tableCounters(db),
    redisUrl: env.REDIS_URL,
    redisPrefix: env.REDIS_PREFIX,
    log,
  });
  const deps: WorkerDeps = {
    db,
    outboxTables: OUTBOX_TABLES.map((name) => new OutboxTable(db, name)),
    ops,
    log,
    redisUrl: env.REDIS_URL,
    redisPrefix: env.REDIS_PREFIX,
    queue,
    onStop: (close) => void moduleClosers.push(close),
    schedule: (spec) => void moduleSchedules.push(spec),
  };
  const pool = new WorkerPool({
    registry,
    connection,
    redisPrefix: env.REDIS_PREFIX,
    log,
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    ...(options.stall ? { stall: options.stall } : {}),
    recordFailure: (report) => ops.failedJobs.record(report),
    processJob: instrumentJobs(registry.process, { log, metrics }),
  });
  const metricsAt = options.metrics ?? metricsListenOf(env as Partial<WorkersEnv>);
  let metricsServer: Awaited<ReturnType<typeof startMetricsServer>> | undefined;
  try {
    for (const register of modules) await register(registry, deps);
    await pool.start();
    await startSchedulers(queue, [...(options.schedules ?? SCHEDULES), ...moduleSchedules], log, (job) =>
      registry.has(job),
    );
    if (metricsAt) metricsServer = await startMetricsServer(metrics, metricsAt, log);
  } catch (error) {
    await pool.stop(0).catch(() => undefined);
    await closeAll();
    throw error;
  }
  log.info({ queues: registry.queues(), jobs: registry.jobNames() }, 'workers running');

  let stopping: Promise<PoolStopResult> | undefined;
  return {
    registry,
    ops,
    queue,
    metrics,
    ...(metricsServer ? { metricsUrl: metricsServer.url } : {}),
    stop: () => {
      stopping ??= (async () => {
        log.info({ timeoutMs: env.WORKER_SHUTDOWN_MS }, 'workers stopping');
        const result = await pool.stop(env.WORKER_SHUTDOWN_MS);
        await metricsServer?.close();
        await closeAll();
        log.info(result, 'workers stopped');
        return result;
      })();
      return stopping;
    },
  };
}
