import { pageArgs, toConnection, type ConnectionShape, type PageArgs } from '@opshub/subgraph-kit';
import type { AuditEntry } from './audit.type.js';
import type { AuditDetail, AuditRepository, AuditRow } from './audit.repository.js';

function toEntry(row: AuditRow): AuditEntry {
  return {
    id: String(row.id),
    at: row.at,
    actorId: row.actorId,
    actor: null,
    kind: row.kind,
    target: row.target,
    detail: row.detail,
    requestId: row.requestId,
  };
}

export class AuditService {
  constructor(private readonly audit: AuditRepository) {}

  async record(entry: {
    actorId: string | null;
    kind: string;
    target: string | null;
    detail: AuditDetail;
    requestId?: string;
  }): Promise<void> {
    await this.audit.insert(entry);
  }

  async page(
    args: PageArgs,
    filter: { actorId?: string; kind?: string },
  ): Promise<ConnectionShape<AuditEntry>> {
    const { first, after } = pageArgs(args);
    const beforeId = after ? BigInt(after[0]!) : undefined;
    const [rows, total] = await Promise.all([
      this.audit.page({ ...filter, ...(beforeId !== undefined ? { beforeId } : {}) }, first + 1),
      this.audit.count(filter),
    ]);
    return toConnection(rows, first, total, toEntry, (r) => [String(r.id)]);
  }
}
