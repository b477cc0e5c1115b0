import type { Logger } from '@opshub/config';
import { createDb, OUTBOX_TABLES, OutboxTable, type Db } from '@opshub/db';
import { createBullConnection, createQueue, type QueueName } from '@opshub/jobs';
import { createOpsServices, type OpsServices } from '@opshub/ops';
import type { Queue } from 'bullmq';
import { DEFAULT_MODULES } from '../modules.js';
import { ProcessorRegistry, type WorkerDeps, type WorkerModule } from './processor-registry.js';
import { SCHEDULES, startSchedulers, type JobSchedule } from './schedulers.js';
import { WorkerPool, type PoolStopResult, type StallSettings } from './worker-pool.js';

export interface StartWorkersOptions {
  databaseUrl: string;
  redisUrl: string;
  redisPrefix: string;
  sessionTtlHours: number;
  log: Logger;
  /** How long `stop()` waits for active jobs before closing anyway. */
  shutdownMs: number;
  /** Jobs run at once per queue (default 4). */
  concurrency?: Partial<Record<QueueName, number>>;
  /** Domain modules registering processors (default: every domain of the hub). */
  modules?: readonly WorkerModule[];
  /** Job schedulers to upsert (default: SCHEDULES). */
  schedules?: readonly JobSchedule[];
  /** Stall detection of every worker (default BullMQ's: a dead worker's job runs again after ~30–60 s). */
  stall?: StallSettings;
}

export interface RunningWorkers {
  registry: ProcessorRegistry;
  ops: OpsServices;
  /** A producer for a queue (shared connection), for enqueueing from the same process. */
  queue(name: QueueName): Queue;
  /** Graceful stop, bounded by `shutdownMs`; closes every connection it opened. Safe to call twice. */
  stop(): Promise<PoolStopResult>;
}

/** Starts the BullMQ runtime in this process: processors of every module, the pool and the schedulers. */
export async function startWorkers(options: StartWorkersOptions): Promise<RunningWorkers> {
  const { log } = options;
  const db: Db = createDb(options.databaseUrl, {
    onError: (err) => log.warn({ err }, 'database connection lost'),
  });
  const connection = createBullConnection(options.redisUrl);
  const ops = createOpsServices(db, { sessionTtlHours: options.sessionTtlHours });
  const producers = new Map<QueueName, Queue>();
  const queue = (name: QueueName): Queue => {
    let q = producers.get(name);
    if (!q) {
      q = createQueue(name, connection, options.redisPrefix);
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
    await db.$disconnect();
  };

  const registry = new ProcessorRegistry();
  const deps: WorkerDeps = {
    db,
    outboxTables: OUTBOX_TABLES.map((name) => new OutboxTable(db, name)),
    ops,
    log,
    redisUrl: options.redisUrl,
    redisPrefix: options.redisPrefix,
    queue,
    onStop: (close) => void moduleClosers.push(close),
    schedule: (spec) => void moduleSchedules.push(spec),
  };
  const pool = new WorkerPool({
    registry,
    connection,
    redisPrefix: options.redisPrefix,
    log,
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    ...(options.stall ? { stall: options.stall } : {}),
    recordFailure: (report) => ops.failedJobs.record(report),
  });
  try {
    for (const register of options.modules ?? DEFAULT_MODULES) await register(registry, deps);
    await pool.start();
    await startSchedulers(queue, [...(options.schedules ?? SCHEDULES), ...moduleSchedules], log, (job) =>
      registry.has(job),
    );
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
    stop: () => {
      stopping ??= (async () => {
        log.info({ timeoutMs: options.shutdownMs }, 'workers stopping');
        const result = await pool.stop(options.shutdownMs);
        await closeAll();
        log.info(result, 'workers stopped');
        return result;
      })();
      return stopping;
    },
  };
}
