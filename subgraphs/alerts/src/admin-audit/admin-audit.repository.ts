import { AuditTrail, type AuditWrite, type Db } from '@opshub/db';

/** One admin action of the alerts domain, as the hub's audit log (ops.audit_entry) holds it. */
export type AdminAuditRow = AuditWrite & { requestId: string | null };

/**
 * Writes the alerts domain's admin actions to the hub's one audit log through the shared writer
 * (@opshub/db `AuditTrail`): the table `auditLog` reads and retention prunes, no copy per domain.
 */
export class AdminAuditRepository {
  private readonly trail: AuditTrail;

  constructor(db: Db) {
    this.trail = new AuditTrail(db);
  }

  async insert(row: AdminAuditRow): Promise<void> {
    await this.trail.record(row);
  }
}
