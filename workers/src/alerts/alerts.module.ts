import { createAlertsServices, DEFAULT_SQL_SETTINGS, type AlertsServices } from '@opshub/alerts';
import type { Env } from '@opshub/config';
import { EventBus } from '@opshub/events';
import { QUEUES } from '@opshub/jobs';
import type { WorkerModule } from '../runtime/processor-registry.js';
import { schedule } from '../runtime/schedulers.js';
import { registerAtStart } from '../runtime/start-race.js';
import { alertSourcePullProcessor, alertSourceTickProcessor } from './alert-source-pull.processor.js';
import { brokerPullProcessor } from './broker-pull.processor.js';
import { ingestAlertFileProcessor } from './ingest-alert-file.processor.js';
import { sqlRunProcessor } from './sql-run.processor.js';

/** The settings the alerts module reads (its bulk SQL pool, its alert sources). */
export const ALERTS_WORKER_KEYS = [
  'DATABASE_URL',
  'ALERT_SOURCE_URL',
  'ALERT_SOURCE_PULL_EVERY_MS',
  'ALERT_SOURCE_TIMEOUT_MS',
  'BROKER_SOURCE_URL',
  'BROKER_PULL_EVERY_MS',
  'ALERTS_SQL_RUN_TIMEOUT_MS',
  'ALERTS_SQL_CONCURRENCY',
  'ALERTS_SQL_RESULTS_DIR',
] as const;

export interface AlertsModuleOptions {
  databaseUrl: string;
  /** Registered as an alert source at start (idempotent); none: only the sources added through the API. */
  alertSourceUrl?: string;
  /** How often every alert source not backing off is pulled, ms (default 5 s). */
  pullEveryMs?: number;
  /** Each alert source request's deadline, ms (default 10 s). */
  sourceTimeoutMs?: number;
  /** First backoff of a failing source, ms (default 5 s; doubled per failure up to 5 min). */
  sourceBackoffMs?: number;
  /** Submitted SQL runs: their timeout (ms), how many run at once across processes, where their files go. */
  sqlRuns?: { timeoutMs: number; concurrency: number; resultsDir: string };
  /** A broker source registered at start (idempotent), and how often every broker source is pulled, ms (default 10 s). */
  brokerSourceUrl?: string;
  brokerPullEveryMs?: number;
  /** Called with the services once built (tests drive and inspect the same instances). */
  onServices?: (services: AlertsServices) => void;
}

export const alertsSettingsOf = (env: Env<(typeof ALERTS_WORKER_KEYS)[number]>): AlertsModuleOptions => ({
  databaseUrl: env.DATABASE_URL,
  ...(env.ALERT_SOURCE_URL ? { alertSourceUrl: env.ALERT_SOURCE_URL } : {}),
  pullEveryMs: env.ALERT_SOURCE_PULL_EVERY_MS,
  sourceTimeoutMs: env.ALERT_SOURCE_TIMEOUT_MS,
  ...(env.BROKER_SOURCE_URL ? { brokerSourceUrl: env.BROKER_SOURCE_URL } : {}),
  brokerPullEveryMs: env.BROKER_PULL_EVERY_MS,
  sqlRuns: {
    timeoutMs: env.ALERTS_SQL_RUN_TIMEOUT_MS,
    concurrency: env.ALERTS_SQL_CONCURRENCY,
    resultsDir: env.ALERTS_SQL_RESULTS_DIR,
  },
});

/**
 * The alerts domain in the workers: alert files ingested as jobs, each new alert announced; every
 * `pullEveryMs` a tick enqueues one pull per alert source (each its own job on its own queue, so a
 * dead source holds one slot for at most its deadline and is then backed off).
 */
export function alertsModule(options: AlertsModuleOptions): WorkerModule {
  return async (registry, deps) => {
    const events = await EventBus.connect(deps.redisUrl, deps.redisPrefix);
    deps.onStop(() => events.close());
    const alerts = createAlertsServices(deps.db, {
      databaseUrl: options.databaseUrl,
      events,
      log: deps.log,
      alertSources: {
        ...(options.sourceTimeoutMs ? { timeoutMs: options.sourceTimeoutMs } : {}),
        ...(options.sourceBackoffMs ? { backoffBaseMs: options.sourceBackoffMs } : {}),
      },
      ...(options.sqlRuns
        ? {
            sql: {
              settings: {
                ...DEFAULT_SQL_SETTINGS,
                runTimeoutMs: options.sqlRuns.timeoutMs,
                resultsDir: options.sqlRuns.resultsDir,
              },
            },
          }
        : {}),
    });
    deps.onStop(() => alerts.close());
    options.onServices?.(alerts);
    registry.register('ingest-alert-file', ingestAlertFileProcessor(alerts));
    registry.register('run-sql-query', sqlRunProcessor(alerts));
    // Submitted SQL runs at once across every worker process (BullMQ global concurrency).
    await deps.queue(QUEUES.alertsSql).setGlobalConcurrency(options.sqlRuns?.concurrency ?? 2);
    if (options.alertSourceUrl) {
      const source = await registerAtStart(() => alerts.alertSources.add(options.alertSourceUrl!));
      deps.log.info({ source: source.url }, 'alert source registered');
    }
    registry.register(
      'alert-source-tick',
      alertSourceTickProcessor(alerts, deps.queue(QUEUES.alertsSourcePull)),
    );
    registry.register('alert-source-pull', alertSourcePullProcessor(alerts));
    if (options.brokerSourceUrl) {
      const broker = await registerAtStart(() =>
        alerts.brokerSources.add(options.brokerSourceUrl!, 'simulated broker'),
      );
      deps.log.info({ source: broker.url }, 'broker source registered');
    }
    registry.register('broker-pull', brokerPullProcessor(alerts));
    // One broker pull at a time across every worker process: two would fetch the same page twice.
    await deps.queue(QUEUES.alertsBrokerPull).setGlobalConcurrency(1);
    deps.schedule(
      schedule({
        id: 'broker-pull',
        job: 'broker-pull',
        every: options.brokerPullEveryMs ?? 10_000,
        data: {},
      }),
    );
    deps.schedule(
      schedule({
        id: 'alert-source-tick',
        job: 'alert-source-tick',
        every: options.pullEveryMs ?? 5_000,
        data: {},
      }),
    );
  };
}
