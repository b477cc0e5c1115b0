import { BadUserInputError, ServiceUnavailableError } from '@opshub/errors';
import { csvLine, pageArgs, toConnection, type ConnectionShape, type PageArgs } from '@opshub/subgraph-kit';
import { AUDIT_CSV_HEADER } from './audit.csv.js';
import { AuditFeed } from './audit.feed.js';
import { matchesAuditFilter, type AuditFilter } from './audit.filter.js';
import type { AuditDetail, AuditRepository, AuditRow } from './audit.repository.js';
import { AuditTail, type AuditTailOptions } from './audit.tail.js';
import type { AuditEntry } from './audit.type.js';

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

/** Rows per database read of an export. */
const EXPORT_PAGE = 1_000;

export class AuditService {
  private readonly tail: AuditTail;

  constructor(
    private readonly audit: AuditRepository,
    tail: AuditTailOptions = {},
  ) {
    this.tail = new AuditTail(audit, tail);
  }

  async record(entry: {
    actorId: string | null;
    kind: string;
    target: string | null;
    detail: AuditDetail;
    requestId?: string;
  }): Promise<void> {
    await this.audit.insert(entry);
  }

  async page(args: PageArgs, filter: AuditFilter): Promise<ConnectionShape<AuditEntry>> {
    const { first, after } = pageArgs(args);
    const key = after?.[0];
    if (after && (typeof key !== 'string' || !/^\d{1,19}$/.test(key)))
      throw new BadUserInputError('Invalid cursor: pass an endCursor returned by this API', {
        argument: 'after',
      });
    const beforeId = key === undefined ? undefined : BigInt(key);
    const [rows, total] = await Promise.all([
      this.audit.page({ ...filter, ...(beforeId !== undefined ? { beforeId } : {}) }, first + 1),
      this.audit.count(filter),
    ]);
    return toConnection(rows, first, total, toEntry, (r) => [String(r.id)]);
  }

  /**
   * Entries written from now on that match `filter`, whoever writes them (read from the log, so the
   * alerts subgraph's and the workers' entries come too). Resolves once the feed is following.
   */
  async live(filter: AuditFilter): Promise<AsyncIterableIterator<AuditEntry>> {
    const release: (() => void)[] = [];
    const feed = new AuditFeed<AuditEntry>(() => release.forEach((r) => r()));
    release.push(
      await this.tail.listen({
        entry: (row) => {
          if (matchesAuditFilter(filter, row)) feed.push(toEntry(row));
        },
        // The database stayed unreachable: the client is told, with a code it can retry on.
        failed: () =>
          feed.fail(
            new ServiceUnavailableError(
              'the audit log',
              'The audit log cannot be read now; subscribe again shortly',
            ),
          ),
      }),
    );
    return feed;
  }

  /** The filtered log as CSV lines, newest first, header first: read a page at a time as it is pulled. */
  async *csv(filter: AuditFilter): AsyncGenerator<string> {
    yield csvLine(AUDIT_CSV_HEADER);
    let beforeId: bigint | undefined;
    for (;;) {
      const rows = await this.audit.page(
        { ...filter, ...(beforeId !== undefined ? { beforeId } : {}) },
        EXPORT_PAGE,
      );
      if (rows.length === 0) return;
      const names = await this.audit.usernames([
        ...new Set(rows.flatMap((r) => (r.actorId ? [r.actorId] : []))),
      ]);
      yield rows
        .map((r) =>
          csvLine([
            String(r.id),
            r.at.toISOString(),
            r.actorId ? (names.get(r.actorId) ?? null) : null,
            r.actorId,
            r.kind,
            r.target,
            JSON.stringify(r.detail),
            r.requestId,
          ]),
        )
        .join('');
      if (rows.length < EXPORT_PAGE) return;
      beforeId = rows.at(-1)!.id;
    }
  }
}
