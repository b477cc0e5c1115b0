import { OUTBOX_TABLES, OutboxTable, type Db, type OutboxTableName } from '@opshub/db';
import { DcsRetentionRepository } from '@opshub/dcs';
import type { RetentionPayload } from '@opshub/jobs';
import { OpsRetentionRepository } from '@opshub/ops';
import { UnrecoverableError } from 'bullmq';
import type { Processor } from '../runtime/processor-registry.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** What was deleted, per table (the job's return value). */
export interface RetentionReport {
  sessions: number;
  failedLogins: number;
  audit: number;
  deadLetters: number;
  failedJobs: number;
  /** Published outbox rows, per domain's outbox table. */
  outbox: Record<OutboxTableName, number>;
  mqttReceipts: number;
}

/**
 * Deletes what outlived its retention bound in every domain, through each domain's repository.
 * Each table is drained in batches (a statement per batch), so none is locked for long.
 */
export function retentionProcessor(db: Db, batch?: number): Processor<'retention'> {
  const ops = new OpsRetentionRepository(db, batch);
  const dcs = new DcsRetentionRepository(db, batch);
  const outboxes = OUTBOX_TABLES.map((name) => new OutboxTable(db, name));
  return async (job) => {
    const bounds = job.data;
    for (const [key, value] of Object.entries(bounds) as [keyof RetentionPayload, unknown][]) {
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
        throw new UnrecoverableError(`retention needs ${key} ≥ 0, got ${JSON.stringify(value)}`);
    }
    const now = Date.now();
    const ago = (ms: number): Date => new Date(now - ms);
    const outbox = {} as Record<OutboxTableName, number>;
    // Every domain's outbox, in one place: rows published more than outboxHours ago (never unpublished ones).
    for (const table of outboxes)
      outbox[table.name] = (await table.prune(ago(bounds.outboxHours * HOUR_MS), batch)).count;
    const report: RetentionReport = {
      sessions: await ops.deleteSessions(ago(bounds.sessionHours * HOUR_MS)),
      // Failed logins first: the audit bound is longer and would otherwise count them too.
      failedLogins: await ops.deleteFailedLogins(ago(bounds.failedLoginDays * DAY_MS)),
      audit: await ops.deleteAudit(ago(bounds.auditDays * DAY_MS)),
      deadLetters: await dcs.deleteDeadLetters(ago(bounds.deadLetterDays * DAY_MS)),
      failedJobs: await ops.deleteFailedJobs(ago(bounds.failedJobDays * DAY_MS)),
      outbox,
      mqttReceipts: await dcs.deleteMqttReceipts(ago(bounds.mqttReceiptHours * HOUR_MS)),
    };
    return report;
  };
}
