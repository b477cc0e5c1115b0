import { BadUserInputError } from '@opshub/errors';
import { sourceUrl } from '@opshub/subgraph-kit';
import type { AdminAuditService, AdminCaller } from '../admin-audit/admin-audit.service.js';
import { requireId } from '../alert/alert.service.js';
import type { BrokerMessageService } from './broker-message.service.js';
import type { BrokerSourceRepository, BrokerSourceRow } from './broker-source.repository.js';
import type { BrokerSource } from './broker-source.type.js';

/** A pull's limits: each request's deadline, records asked a page, pages a pull takes at most. */
export interface BrokerPullSettings {
  timeoutMs: number;
  pageSize: number;
  maxPages: number;
}

export const DEFAULT_BROKER_PULL_SETTINGS: BrokerPullSettings = {
  timeoutMs: 10_000,
  pageSize: 500,
  maxPages: 20,
};

/** What one pull of one source did. */
export interface BrokerPullOutcome {
  sourceId: string;
  pages: number;
  loaded: number;
  duplicates: number;
  rejected: number;
  cursor: string | null;
  error?: string;
}

const toSource = (r: BrokerSourceRow): BrokerSource => ({
  ...r,
  id: r.id.toString(),
  loaded: Number(r.loaded),
});

/**
 * Brokers pulled over HTTP (the protocol, README "Broker pull"): `GET <url>?after=<cursor>&limit=<n>`
 * (no `after` the first time) answers `{records: [brokerClassification…], next: <cursor>|null}`; the
 * cursor moves only once a page is stored, so a pull resumes where the last stored page ended, and a
 * page taken again (a crash between store and cursor) is only counted as duplicates.
 */
export class BrokerSourceService {
  constructor(
    private readonly sources: BrokerSourceRepository,
    private readonly messages: BrokerMessageService,
    private readonly audit: AdminAuditService,
    private readonly settings: BrokerPullSettings = DEFAULT_BROKER_PULL_SETTINGS,
  ) {}

  async list(): Promise<BrokerSource[]> {
    return (await this.sources.list()).map(toSource);
  }

  /** Registers a broker (idempotent by URL); audited as `alerts.broker-source-add` with a caller (addBrokerSource). */
  async add(url: string, name: string, caller?: AdminCaller): Promise<BrokerSource> {
    const parsed = sourceUrl(url);
    if (!name.trim() || name.length > 200)
      throw new BadUserInputError('name must be 1–200 characters', { argument: 'name' });
    const source = toSource(await this.sources.upsert(parsed.toString(), name.trim()));
    if (caller)
      await this.audit.record(caller, 'alerts.broker-source-add', `broker-source/${source.id}`, {
        url: source.url,
        name: source.name,
      });
    return source;
  }

  /** False when unknown; audited as `alerts.broker-source-remove` with a caller (removeBrokerSource). */
  async remove(id: string, caller?: AdminCaller): Promise<boolean> {
    const removed = await this.sources.remove(requireId(id, 'id'));
    if (caller)
      await this.audit.record(caller, 'alerts.broker-source-remove', `broker-source/${id}`, { removed });
    return removed;
  }

  async ids(): Promise<string[]> {
    return (await this.sources.list()).map((s) => s.id.toString());
  }

  /** Pulls one source from its cursor until caught up (or `maxPages`); a failure is recorded, not thrown. */
  async pull(id: string): Promise<BrokerPullOutcome> {
    const source = await this.sources.find(requireId(id, 'id'));
    if (!source) throw new BadUserInputError(`no broker source ${id}`, { argument: 'id' });
    const outcome: BrokerPullOutcome = {
      sourceId: id,
      pages: 0,
      loaded: 0,
      duplicates: 0,
      rejected: 0,
      cursor: source.cursor,
    };
    try {
      while (outcome.pages < this.settings.maxPages) {
        const page = await this.fetchPage(source.url, outcome.cursor);
        if (page.records.length === 0) break;
        const stored = await this.messages.load(page.records);
        outcome.pages += 1;
        outcome.loaded += stored.numLoaded;
        outcome.duplicates += stored.duplicates;
        outcome.rejected += stored.rejected.length;
        const moved = await this.sources.advance(source.id, outcome.cursor, page.next, stored.numLoaded);
        if (!moved) break;
        outcome.cursor = page.next;
        if (page.next === null) break;
      }
    } catch (err) {
      outcome.error = err instanceof Error ? err.message : String(err);
      await this.sources.failed(source.id, outcome.error);
    }
    return outcome;
  }

  private async fetchPage(
    url: string,
    after: string | null,
  ): Promise<{ records: unknown[]; next: string | null }> {
    const target = new URL(url);
    if (after !== null) target.searchParams.set('after', after);
    target.searchParams.set('limit', String(this.settings.pageSize));
    const response = await fetch(target, { signal: AbortSignal.timeout(this.settings.timeoutMs) });
    if (!response.ok) throw new Error(`broker source answered ${response.status}`);
    const body = (await response.json()) as { records?: unknown; next?: unknown };
    if (!Array.isArray(body.records)) throw new Error('broker source answered without a records list');
    if (body.next !== null && body.next !== undefined && typeof body.next !== 'string')
      throw new Error('broker source answered a next cursor that is not a string');
    return { records: body.records as unknown[], next: (body.next as string | null | undefined) ?? null };
  }
}
