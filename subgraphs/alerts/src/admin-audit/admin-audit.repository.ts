import type { Db, Prisma } from '@opshub/db';

/** One admin action of the alerts domain, as the hub's audit log (ops.audit_entry) holds it. */
export interface AdminAuditRow {
  actorId: string | null;
  kind: string;
  target: string | null;
  detail: Prisma.InputJsonValue;
  requestId: string | null;
}

/**
 * Writes the alerts domain's admin actions to the hub's one audit log, the table `auditLog` reads
 * and retention prunes: no copy of it per domain, and nothing of the ops domain's code imported.
 */
export class AdminAuditRepository {
  constructor(private readonly db: Db) {}

  async insert(row: AdminAuditRow): Promise<void> {
    await this.db.auditEntry.create({ data: row });
  }
}
