import type { Env } from '@opshub/config';
import { ALERTS_WORKER_KEYS, alertsModule, alertsSettingsOf } from './alerts/alerts.module.js';
import { DCS_WORKER_KEYS, dcsModuleOf } from './dcs/dcs.module.js';
import { dqmModule } from './dqm/dqm.module.js';
import { DQM_WORKER_KEYS, dqmSettingsOf } from './dqm/dqm-settings.js';
import { dqmSquareModule } from './dqm-square/dqm-square.module.js';
import { DQM_SQUARE_WORKER_KEYS, dqmSquareSettingsOf } from './dqm-square/dqm-square-settings.js';
import { WORKERS_METRICS_KEYS } from './metrics-server.js';
import { OPS_WORKER_KEYS, opsModule, retentionOf } from './processors/ops.module.js';
import type { WorkerModule } from './runtime/processor-registry.js';
import { workflowModule } from './workflow/workflow.module.js';
import { WORKFLOW_WORKER_KEYS, workflowSettingsOf } from './workflow/workflow-settings.js';

/** The settings of the runtime itself: its connections, log, and how long `stop()` waits for active jobs. */
export const WORKER_RUNTIME_KEYS = [
  'DATABASE_URL',
  'REDIS_URL',
  'REDIS_PREFIX',
  'LOG_LEVEL',
  'WORKER_SHUTDOWN_MS',
  'SESSION_TTL_HOURS',
] as const;
export type WorkerRuntimeEnv = Env<(typeof WORKER_RUNTIME_KEYS)[number]>;

/**
 * Every setting the workers process reads: the runtime's and each module's. `main` validates them
 * together, once, so every problem (a bad MQTT_URL beside a bad WORKFLOW_PIPELINE_MS) is reported in one error.
 */
export const WORKERS_KEYS = [
  ...WORKER_RUNTIME_KEYS,
  ...OPS_WORKER_KEYS,
  ...DCS_WORKER_KEYS,
  ...WORKFLOW_WORKER_KEYS,
  ...ALERTS_WORKER_KEYS,
  ...DQM_WORKER_KEYS,
  ...DQM_SQUARE_WORKER_KEYS,
  ...WORKERS_METRICS_KEYS,
] as const;
export type WorkersEnv = Env<(typeof WORKERS_KEYS)[number]>;

/**
 * The domains whose processors the workers run, each built from its settings. Add yours here, its
 * keys to WORKERS_KEYS (the compiler refuses a module whose settings are not in it).
 */
export function defaultModules(env: WorkersEnv): WorkerModule[] {
  return [
    opsModule(retentionOf(env)),
    dcsModuleOf(env),
    workflowModule(workflowSettingsOf(env)),
    dqmModule(dqmSettingsOf(env)),
    dqmSquareModule(dqmSquareSettingsOf(env)),
    alertsModule(alertsSettingsOf(env)),
  ];
}
