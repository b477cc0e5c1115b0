import type { Db, Prisma } from '@opshub/db';

export type AuditRow = Prisma.DqmControlAuditGetPayload<{ include: { host: true } }>;

/** The control-room audit as ControlRoomService writes it (dqm.dqm_control_audit), read. */
export class ControlRoomAuditQuery {
  constructor(private readonly db: Db) {}

  /** Newest first (keyset on the id), optionally one agent's calls only. */
  async page(
    hostId: string | undefined,
    take: number,
    beforeId?: bigint,
  ): Promise<{ rows: AuditRow[]; total: number }> {
    const where: Prisma.DqmControlAuditWhereInput = hostId !== undefined ? { hostId } : {};
    const [rows, total] = await Promise.all([
      this.db.dqmControlAudit.findMany({
        where: beforeId !== undefined ? { AND: [where, { id: { lt: beforeId } }] } : where,
        include: { host: true },
        orderBy: { id: 'desc' },
        take,
      }),
      this.db.dqmControlAudit.count({ where }),
    ]);
    return { rows, total };
  }
}
