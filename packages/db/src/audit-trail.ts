import type { Db } from './client.js';
import type { AuditEntry, Prisma } from './generated/client.js';
import type { Tx } from './outbox-table.js';

/** What one audited action is: who (a user's id; null for the hub itself), what, on which entity. */
export interface AuditWrite {
  /** The caller's user id (SubgraphContext `user.id`); null when no user acted. */
  actorId: string | null;
  /** `<domain>.<action>`, e.g. `dcs.command`, `dqm.control-room`, `workflow.transition`. */
  kind: string;
  /**
   * The entity, as `<type>/<id>` (`device/module-1/hv`, `ous/uid://…`): the audit page's entity
   * filter matches it and whatever is named under it.
   */
  target: string | null;
  /** The action's arguments and outcome (never a secret). */
  detail?: Prisma.InputJsonValue;
  /** The gateway's request id; the current one (see the constructor) when not given. */
  requestId?: string | null | undefined;
}

/** Where an entry is written: the client, or the transaction of the action it records. */
export type AuditClient = Pick<Db, 'auditEntry'> | Pick<Tx, 'auditEntry'>;

/** Longest `target` kept; a longer one (input echoed back) is cut, never refused after the fact. */
const MAX_TARGET = 500;

/**
 * The hub's one audit log (`ops.audit_entry`), written by every domain through this class: the
 * table the audit page, its live feed, the CSV export and retention read. `record(entry, tx)`
 * writes inside the action's own transaction, so the action and its entry commit (or not) together.
 */
export class AuditTrail {
  constructor(
    private readonly db: AuditClient,
    /**
     * The request id of the work in progress, when the caller keeps one in an async context
     * (`currentRequestId` of @opshub/jobs, which @opshub/db cannot import: jobs depends on db).
     */
    private readonly currentRequestId: () => string | undefined = () => undefined,
  ) {}

  /** Writes one entry, through `within` (a transaction) when given. Returns the stored row. */
  record(entry: AuditWrite, within?: AuditClient): Promise<AuditEntry> {
    const target = entry.target === null ? null : entry.target.slice(0, MAX_TARGET);
    return (within ?? this.db).auditEntry.create({
      data: {
        actorId: entry.actorId,
        kind: entry.kind,
        target,
        detail: entry.detail ?? {},
        requestId: entry.requestId || this.currentRequestId() || null,
      },
    });
  }
}
