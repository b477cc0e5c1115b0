import { loadEnv, type Env } from '@opshub/config';
import { EventBus, Outbox } from '@opshub/events';
import type { RetentionPayload } from '@opshub/jobs';
import type { WorkerModule } from '../runtime/processor-registry.js';
import { schedule } from '../runtime/schedulers.js';
import { outboxRelayProcessor } from './outbox-relay.processor.js';
import { pruneSessionsProcessor } from './prune-sessions.processor.js';
import { retentionProcessor } from './retention.processor.js';

/** The settings the ops module reads in the workers process: the retention bounds (validated once by main). */
export const OPS_WORKER_KEYS = [
  'RETENTION_SESSION_HOURS',
  'RETENTION_FAILED_LOGIN_DAYS',
  'RETENTION_AUDIT_DAYS',
  'RETENTION_DEAD_LETTER_DAYS',
  'RETENTION_FAILED_JOB_DAYS',
  'RETENTION_OUTBOX_HOURS',
  'RETENTION_MQTT_RECEIPT_HOURS',
] as const;

/** The retention bounds of the hourly `retention` job (RETENTION_*; every one has a default). */
export function retentionOf(env: Env<(typeof OPS_WORKER_KEYS)[number]>): RetentionPayload {
  return {
    sessionHours: env.RETENTION_SESSION_HOURS,
    failedLoginDays: env.RETENTION_FAILED_LOGIN_DAYS,
    auditDays: env.RETENTION_AUDIT_DAYS,
    deadLetterDays: env.RETENTION_DEAD_LETTER_DAYS,
    failedJobDays: env.RETENTION_FAILED_JOB_DAYS,
    outboxHours: env.RETENTION_OUTBOX_HOURS,
    mqttReceiptHours: env.RETENTION_MQTT_RECEIPT_HOURS,
  };
}

/** The retention bounds' defaults (the env schema's), for processes and tests that set none. */
export const DEFAULT_RETENTION = retentionOf(loadEnv(OPS_WORKER_KEYS, {}));

/**
 * The ops domain's jobs and the hub's housekeeping on the maintenance queue: the retention (hourly,
 * with `retention`'s bounds) and the outbox relay (both span every domain's tables; the relay is
 * scheduled in SCHEDULES).
 */
export function opsModule(retention: RetentionPayload): WorkerModule {
  return async (registry, deps) => {
    registry.register('prune-sessions', pruneSessionsProcessor(deps.ops.sessions));
    registry.register('retention', retentionProcessor(deps.db));
    deps.schedule(schedule({ id: 'retention', job: 'retention', every: 3_600_000, data: retention }));
    const events = await EventBus.connect(deps.redisUrl, deps.redisPrefix);
    deps.onStop(() => events.close());
    const outboxes = deps.outboxTables.map((table) => new Outbox(table, events, deps.log));
    registry.register('outbox-relay', outboxRelayProcessor(outboxes));
  };
}
