import type { AuditEntry, Db, Prisma } from '@opshub/db';

export type AuditRow = AuditEntry;

export interface AuditFilter {
  actorId?: string;
  kind?: string;
  beforeId?: bigint;
}

/** What an entry's `detail` may hold: any JSON value. */
export type AuditDetail = Prisma.InputJsonValue;

export class AuditRepository {
  constructor(private readonly db: Db) {}

  insert(entry: {
    actorId: string | null;
    kind: string;
    target: string | null;
    detail: AuditDetail;
    requestId?: string | null;
  }): Promise<AuditRow> {
    return this.db.auditEntry.create({ data: { ...entry, requestId: entry.requestId ?? null } });
  }

  private where(filter: AuditFilter): Prisma.AuditEntryWhereInput {
    return {
      ...(filter.actorId ? { actorId: filter.actorId } : {}),
      ...(filter.kind ? { kind: { startsWith: filter.kind } } : {}),
    };
  }

  /** Newest first; keyset on id so pages are stable while entries are added. */
  page(filter: AuditFilter, take: number): Promise<AuditRow[]> {
    return this.db.auditEntry.findMany({
      where: {
        ...this.where(filter),
        ...(filter.beforeId !== undefined ? { id: { lt: filter.beforeId } } : {}),
      },
      orderBy: { id: 'desc' },
      take,
    });
  }

  count(filter: AuditFilter): Promise<number> {
    return this.db.auditEntry.count({ where: this.where(filter) });
  }
}
