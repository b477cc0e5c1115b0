import { AuditTrail, type AuditEntry, type AuditWrite, type Db, type Prisma } from '@opshub/db';
import type { AuditFilter } from './audit.filter.js';

export type AuditRow = AuditEntry;

/**
 * `text` as a literal LIKE prefix: Prisma's `startsWith` is `LIKE '<text>%'` and does not escape the
 * pattern, so a `_` or `%` in a filter would match any character (the live feed, matching in memory,
 * would not). PostgreSQL's escape character is the backslash.
 */
const literalPrefix = (text: string): string => text.replace(/[\\%_]/g, '\\$&');

/** What an entry's `detail` may hold: any JSON value. */
export type AuditDetail = Prisma.InputJsonValue;

export class AuditRepository {
  /** The hub's one audit writer (@opshub/db), as every other domain writes its entries. */
  private readonly trail: AuditTrail;

  constructor(private readonly db: Db) {
    this.trail = new AuditTrail(db);
  }

  insert(entry: AuditWrite): Promise<AuditRow> {
    return this.trail.record(entry);
  }

  private where(filter: AuditFilter): Prisma.AuditEntryWhereInput {
    const at = {
      ...(filter.since ? { gte: filter.since } : {}),
      ...(filter.until ? { lt: filter.until } : {}),
    };
    return {
      ...(filter.actorId ? { actorId: filter.actorId } : {}),
      ...(filter.kind ? { kind: { startsWith: literalPrefix(filter.kind) } } : {}),
      ...(filter.entity
        ? { OR: [{ target: filter.entity }, { target: { startsWith: `${literalPrefix(filter.entity)}/` } }] }
        : {}),
      ...(filter.since || filter.until ? { at } : {}),
    };
  }

  /** Newest first; keyset on id so pages are stable while entries are added. */
  page(filter: AuditFilter & { beforeId?: bigint }, take: number): Promise<AuditRow[]> {
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

  /** The newest entry's id (0 when the log is empty): where a live feed starts. */
  async lastId(): Promise<bigint> {
    const row = await this.db.auditEntry.findFirst({ orderBy: { id: 'desc' }, select: { id: true } });
    return row?.id ?? 0n;
  }

  /** Entries after `afterId`, and those of `missing` (ids skipped by a commit still in flight), oldest first. */
  since(afterId: bigint, missing: readonly bigint[], take: number): Promise<AuditRow[]> {
    return this.db.auditEntry.findMany({
      where: missing.length
        ? { OR: [{ id: { gt: afterId } }, { id: { in: [...missing] } }] }
        : { id: { gt: afterId } },
      orderBy: { id: 'asc' },
      take,
    });
  }

  /** Usernames of the given users, for the export's `actor` column (one query per page). */
  async usernames(ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.user.findMany({
      where: { id: { in: [...ids] } },
      select: { id: true, username: true },
    });
    return new Map(rows.map((r) => [r.id, r.username]));
  }
}
