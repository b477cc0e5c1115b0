import { deleteInBatches, type Db } from '@opshub/db';

/** Audit kinds written for anonymous sign-in attempts: kept for a short time only. */
export const FAILED_LOGIN_KINDS = ['session.login-failed', 'session.login-limited'] as const;

/**
 * Deletes old rows of the ops tables for the `retention` job. Every delete removes at most `batch`
 * rows per statement (each its own short transaction), so no table is locked for long.
 */
export class OpsRetentionRepository {
  constructor(
    private readonly db: Db,
    private readonly batch = 5_000,
  ) {}

  private drain(step: () => Promise<number>): Promise<number> {
    return deleteInBatches(this.batch, step);
  }

  /** Sessions that expired, or were revoked, before `before`. */
  deleteSessions(before: Date): Promise<number> {
    return this.drain(
      () => this.db.$executeRaw`
        DELETE FROM ops.session WHERE id IN (
          SELECT id FROM ops.session WHERE expires_at < ${before} OR revoked_at < ${before} LIMIT ${this.batch})`,
    );
  }

  /** Failed (and rate-limited) sign-in audit entries older than `before`. */
  deleteFailedLogins(before: Date): Promise<number> {
    const kinds = [...FAILED_LOGIN_KINDS];
    return this.drain(
      () => this.db.$executeRaw`
        DELETE FROM ops.audit_entry WHERE id IN (
          SELECT id FROM ops.audit_entry WHERE kind = ANY(${kinds}::text[]) AND at < ${before}
          ORDER BY at LIMIT ${this.batch})`,
    );
  }

  /** Every other audit entry older than `before` (a long bound: the audit trail). */
  deleteAudit(before: Date): Promise<number> {
    return this.drain(
      () => this.db.$executeRaw`
        DELETE FROM ops.audit_entry WHERE id IN (
          SELECT id FROM ops.audit_entry WHERE at < ${before} ORDER BY at LIMIT ${this.batch})`,
    );
  }

  /** Failed-job records older than `before`. */
  deleteFailedJobs(before: Date): Promise<number> {
    return this.drain(
      () => this.db.$executeRaw`
        DELETE FROM ops.failed_job WHERE id IN (
          SELECT id FROM ops.failed_job WHERE failed_at < ${before} ORDER BY failed_at LIMIT ${this.batch})`,
    );
  }
}
