import type { Logger } from '@opshub/config';
import { ALL_QUEUES, createProducerConnection, createQueue, type QueueName } from '@opshub/jobs';
import type { Queue } from 'bullmq';
import { MetricSet, type MetricDef } from '@opshub/metrics';
import type { TableCounters } from './metrics.query.js';

/** Seconds: a tick (ms) up to a pipeline run or a large alert file (minutes). */
const JOB_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 900];

/** Job states whose counts are read from BullMQ at each scrape. */
export const QUEUE_STATES = [
  'waiting',
  'active',
  'delayed',
  'prioritized',
  'waiting-children',
  'failed',
  'completed',
] as const;

/**
 * Rows stored, read from PostgreSQL's own counters (`pg_stat_user_tables.n_tup_ins`): cumulative, cheap,
 * and true whichever process wrote (this worker, another, a subgraph, the CLI). Rows a conflict skipped
 * are not counted; rows of a transaction that rolled back are. The counters restart at 0 when the
 * statistics are reset, which Prometheus' rate() reads as a counter reset.
 */
const INGESTED = { readings: 'dcs.reading', alerts: 'alerts.alert', dqm_runs: 'dqm.dqm_run' } as const;
/** Records refused and kept with their reason: MQTT dead letters, alert and DQM quarantines. */
const REJECTED = {
  dcs_dead_letters: 'dcs.dead_letter',
  alerts_quarantine: 'alerts.alert_quarantine',
  dqm_quarantine: 'dqm.quarantine',
} as const;

export const WORKER_METRICS: readonly MetricDef[] = [
  {
    name: 'opshub_job_duration_seconds',
    type: 'histogram',
    help: 'Time this worker process spent on one job attempt, by queue and outcome (completed, failed).',
    buckets: JOB_BUCKETS,
  },
  {
    name: 'opshub_queue_jobs',
    type: 'gauge',
    help: 'Jobs in each queue by state (read from Redis at the scrape: the same for every worker process).',
  },
  {
    name: 'opshub_queue_paused',
    type: 'gauge',
    help: 'Whether each queue is paused (1) or not (0), read at the scrape.',
  },
  {
    name: 'opshub_ingested_total',
    type: 'counter',
    help: 'Rows stored by kind: readings, alerts, dqm_runs (PostgreSQL table counters; the same for every worker process).',
  },
  {
    name: 'opshub_rejected_total',
    type: 'counter',
    help: 'Refused records kept with their reason, by kind: dcs_dead_letters, alerts_quarantine, dqm_quarantine (rows added).',
  },
  {
    name: 'opshub_rejected_records',
    type: 'gauge',
    help: 'Refused records held now (retention prunes dead letters), by kind.',
  },
  {
    name: 'opshub_metrics_source_up',
    type: 'gauge',
    help: 'Whether the last scrape could read a source (redis, postgres): 0 means its series are missing.',
  },
];

const TABLES = [...Object.values(INGESTED), ...Object.values(REJECTED)];
/** The series each source's read sets, left out of a scrape that could not read it. */
const SOURCE_SERIES = {
  redis: ['opshub_queue_jobs', 'opshub_queue_paused'],
  postgres: ['opshub_ingested_total', 'opshub_rejected_total', 'opshub_rejected_records'],
} as const;
/** Redis and Postgres reads of one scrape wait at most this long: a scrape must answer, even degraded. */
const SOURCE_DEADLINE_MS = 3_000;

function withDeadline<T>(what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what} took over ${SOURCE_DEADLINE_MS} ms`)),
      SOURCE_DEADLINE_MS,
    );
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/**
 * The workers' Prometheus metrics: job durations as this process saw them, and at each scrape the queue
 * depths (BullMQ counts) and the ingest and rejection counters (PostgreSQL). Queue and table figures are
 * the hub's, not this process's: with N worker processes aggregate them with `max`, not `sum`.
 */
export class WorkerMetrics {
  private readonly set = new MetricSet(WORKER_METRICS);
  private readonly queues = new Map<QueueName, Queue>();
  private connection: ReturnType<typeof createProducerConnection> | undefined;

  constructor(
    private readonly sources: { tables: TableCounters; redisUrl: string; redisPrefix: string; log: Logger },
  ) {}

  /** One job attempt ended (`failed`: it threw, retried or not). */
  observeJob(queue: string, outcome: 'completed' | 'failed', seconds: number): void {
    this.set.observe('opshub_job_duration_seconds', { queue, outcome }, seconds);
  }

  private queue(name: QueueName): Queue {
    // A fail-fast connection of its own: a scrape while Redis is down answers without the depths, never hangs.
    this.connection ??= createProducerConnection(this.sources.redisUrl);
    let q = this.queues.get(name);
    if (!q) this.queues.set(name, (q = createQueue(name, this.connection, this.sources.redisPrefix)));
    return q;
  }

  private async readQueues(): Promise<void> {
    const read = async (name: QueueName) => {
      const queue = this.queue(name);
      const [counts, paused] = await Promise.all([queue.getJobCounts(...QUEUE_STATES), queue.isPaused()]);
      return { name, counts, paused };
    };
    const queues = await withDeadline('queue counts', Promise.all(ALL_QUEUES.map(read)));
    this.set.clear('opshub_queue_jobs');
    for (const { name: queue, counts, paused } of queues) {
      for (const state of QUEUE_STATES)
        this.set.set('opshub_queue_jobs', { queue, state }, counts[state] ?? 0);
      this.set.set('opshub_queue_paused', { queue }, paused ? 1 : 0);
    }
  }

  private async readTables(): Promise<void> {
    const { tables } = this.sources;
    const [inserted, held] = await withDeadline(
      'table counters',
      Promise.all([tables.inserted(TABLES), tables.held(Object.values(REJECTED))]),
    );
    for (const [kind, table] of Object.entries(INGESTED))
      this.set.set('opshub_ingested_total', { kind }, inserted.get(table) ?? 0);
    for (const [kind, table] of Object.entries(REJECTED)) {
      this.set.set('opshub_rejected_total', { kind }, inserted.get(table) ?? 0);
      this.set.set('opshub_rejected_records', { kind }, held.get(table) ?? 0);
    }
  }

  /** The exposition text, reading Redis and PostgreSQL first (each may fail alone: its series are left out). */
  async render(): Promise<string> {
    const [redis, postgres] = await Promise.allSettled([this.readQueues(), this.readTables()]);
    for (const [source, result] of [
      ['redis', redis],
      ['postgres', postgres],
    ] as const) {
      this.set.set('opshub_metrics_source_up', { source }, result.status === 'fulfilled' ? 1 : 0);
      if (result.status === 'rejected') {
        // Left out rather than repeated: a stale counter would read as a stalled ingest.
        for (const name of SOURCE_SERIES[source]) this.set.clear(name);
        this.sources.log.warn(
          { err: result.reason as unknown, source },
          'metrics: a source could not be read',
        );
      }
    }
    return this.set.render();
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close().catch(() => undefined)));
    this.queues.clear();
    await this.connection?.quit().catch(() => this.connection?.disconnect());
  }
}
