import { createAlertsServices, type AlertsServices } from '@opshub/alerts';
import type { Env } from '@opshub/config';
import { EventBus } from '@opshub/events';
import type { WorkerModule } from '../runtime/processor-registry.js';
import { ingestAlertFileProcessor } from './ingest-alert-file.processor.js';

/** The settings the alerts module reads (its bulk SQL pool). */
export const ALERTS_WORKER_KEYS = ['DATABASE_URL'] as const;

export interface AlertsModuleOptions {
  databaseUrl: string;
  /** Called with the services once built (tests drive and inspect the same instances). */
  onServices?: (services: AlertsServices) => void;
}

export const alertsSettingsOf = (env: Env<(typeof ALERTS_WORKER_KEYS)[number]>): AlertsModuleOptions => ({
  databaseUrl: env.DATABASE_URL,
});

/** The alerts domain in the workers: alert files ingested as jobs, each new alert announced. */
export function alertsModule(options: AlertsModuleOptions): WorkerModule {
  return async (registry, deps) => {
    const events = await EventBus.connect(deps.redisUrl, deps.redisPrefix);
    deps.onStop(() => events.close());
    const alerts = createAlertsServices(deps.db, { databaseUrl: options.databaseUrl, events, log: deps.log });
    deps.onStop(() => alerts.close());
    options.onServices?.(alerts);
    registry.register('ingest-alert-file', ingestAlertFileProcessor(alerts));
  };
}
