import { deleteInBatches, type Db } from '@opshub/db';

/**
 * Deletes old rows of the dcs tables for the workers' `retention` job, at most `batch` rows per
 * statement so no table is locked for long. Readings and commands are not pruned here; the dcs
 * outbox is pruned with every domain's (`OUTBOX_TABLES`).
 */
export class DcsRetentionRepository {
  constructor(
    private readonly db: Db,
    private readonly batch = 5_000,
  ) {}

  private drain(step: () => Promise<number>): Promise<number> {
    return deleteInBatches(this.batch, step);
  }

  /** Dead letters received before `before`. */
  deleteDeadLetters(before: Date): Promise<number> {
    return this.drain(
      () => this.db.$executeRaw`
        DELETE FROM dcs.dead_letter WHERE id IN (
          SELECT id FROM dcs.dead_letter WHERE received_at < ${before} ORDER BY received_at LIMIT ${this.batch})`,
    );
  }

  /** MQTT receipts recorded before `before` (their PUBACK went out long ago). */
  deleteMqttReceipts(before: Date): Promise<number> {
    return this.drain(
      () => this.db.$executeRaw`
        DELETE FROM dcs.mqtt_receipt WHERE ctid IN (
          SELECT ctid FROM dcs.mqtt_receipt WHERE at < ${before} LIMIT ${this.batch})`,
    );
  }
}
