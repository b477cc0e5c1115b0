import type { Logger } from '@opshub/config';
import { ServiceUnavailableError } from '@opshub/errors';
import type { Outbox } from '@opshub/events';
import {
  AgentClient,
  AgentError,
  type AgentDocument,
  type AgentHeader,
  type RefusedDocument,
} from './agent-client.js';
import { documentProblem, hostNamesInId, quarantineName } from './document-check.js';
import type { DocumentQuarantineRepository, QuarantinedDocument } from './document-quarantine.repository.js';
import {
  deliveriesOf,
  FILES_DOCUMENT,
  JOB_DOCUMENT,
  jobOf,
  type RedactionContext,
} from './document-redactor.js';
import type { DqmHostRepository, DqmHostRow } from './dqm-host.repository.js';
import type { DqmJobInput, DqmJobRepository, StreamDeliveryInput } from './dqm-job.repository.js';
import { DQM_SQUARE_STREAMS, dqmHostChangedOf, dqmJobsUpdatedOf } from './dqm-square.events.js';
import { hostDigest, machineKind, pseudonymOf } from './redaction.js';

export interface DqmSyncSettings {
  /** Deadline of each request to an agent, ms. */
  timeoutMs: number;
  /** Documents per `request_documents` (never one request per document). */
  batchSize: number;
  /** Keep log excerpts (redacted)? Off unless an admin turns DQM_SQUARE_KEEP_LOGS on. */
  keepLogs: boolean;
  /** The key of the host names' HMAC (DQM_PSEUDONYM_KEY); null when unset: nothing is synced. */
  pseudonymKey: string | null;
  /** First backoff after a failure, doubled per consecutive failure up to `backoffMaxMs`. */
  backoffBaseMs: number;
  backoffMaxMs: number;
}

export const DEFAULT_SYNC_SETTINGS: Omit<DqmSyncSettings, 'pseudonymKey'> = {
  timeoutMs: 5_000,
  batchSize: 250,
  keepLogs: false,
  backoffBaseMs: 5_000,
  backoffMaxMs: 300_000,
};

export type SyncOutcome =
  | {
      status: 'synced';
      headers: number;
      documents: number;
      /** Documents refused into the dqm quarantine (the rest of their batch applied). */
      quarantined: number;
      jobsChanged: number;
      requests: number;
      lastRev: number;
    }
  | { status: 'backing-off'; until: Date }
  | { status: 'failed'; error: string; failures: number; until: Date; requests: number }
  | { status: 'unknown-host' };

/** A name given to a host until its documents say which machine it is. */
export const PENDING_NAME = /^agent-\d+$/;

/**
 * One agent's sync, as the mirror's grabber does it but batched: `sync_request` from the last
 * applied rev, then the new job and files documents fetched `batchSize` at a time, redacted, and
 * applied batch by batch (each moving `lastRev`, so a sync cut short resumes where it stopped). A
 * failing agent is backed off exponentially: its next syncs return at once until `backoffUntil`,
 * and since every host is synced by its own job, it never delays another.
 */
export class DqmSyncService {
  private readonly pseudonyms = new Map<string, string>();

  constructor(
    private readonly hosts: DqmHostRepository,
    private readonly jobs: DqmJobRepository,
    private readonly quarantine: DocumentQuarantineRepository,
    private readonly outbox: Outbox,
    private readonly settings: DqmSyncSettings,
    private readonly log: Logger,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async syncHost(hostId: string): Promise<SyncOutcome> {
    this.key();
    const host = await this.hosts.findById(hostId);
    if (!host) return { status: 'unknown-host' };
    const now = this.clock();
    if (host.backoffUntil && host.backoffUntil > now)
      return { status: 'backing-off', until: host.backoffUntil };
    const client = new AgentClient(host.url, this.settings.timeoutMs);
    try {
      const result = await this.pull(host, client, now);
      return { status: 'synced', ...result, requests: client.requests };
    } catch (err) {
      const error = err instanceof AgentError ? err.message : 'the sync failed';
      if (!(err instanceof AgentError)) this.log.error({ err, hostId }, 'dqm sync failed');
      const failures = host.failures + 1;
      const delay = Math.min(this.settings.backoffBaseMs * 2 ** (failures - 1), this.settings.backoffMaxMs);
      const until = new Date(now.getTime() + delay);
      await this.updateHost(host.id, { up: false, error, failures, backoffUntil: until });
      return { status: 'failed', error, failures, until, requests: client.requests };
    }
  }

  private async pull(host: DqmHostRow, client: AgentClient, now: Date) {
    let known = Number(host.lastRev);
    let { headers } = await client.headersFrom(known);
    if (known > 0 && headers.length === 0) {
      // The agent always re-sends the header of the known rev: none means its store was replaced
      // (a new database), so its revs start again. Documents already applied keep their rows.
      this.log.warn({ hostId: host.id, known }, 'dqm agent lost its store: syncing from the start');
      await this.hosts.update(host.id, { lastRev: 0 });
      known = 0;
      ({ headers } = await client.headersFrom(0));
    }
    const fresh = headers.filter((h) => h._rev > known);
    const wanted = fresh.filter((h) => h.type === JOB_DOCUMENT || h.type === FILES_DOCUMENT);
    let documents = 0;
    let quarantined = 0;
    let jobsChanged = 0;
    let machineName: string | null = null;
    for (let i = 0; i < wanted.length; i += this.settings.batchSize) {
      const batch = wanted.slice(i, i + this.settings.batchSize);
      const fetched = await client.documents(batch.map((h) => h._id));
      const typeOf = new Map(batch.map((h) => [h._id, h.type]));
      const refused: RefusedDocument[] = [...fetched.refused];
      const docs: AgentDocument[] = [];
      for (const doc of fetched.documents) {
        const reason = documentProblem(doc, typeOf.get(doc._id) ?? null);
        if (reason === null) docs.push(doc);
        else
          refused.push({
            id: doc._id,
            hostname: typeof doc.hostname === 'string' ? doc.hostname : null,
            reason,
          });
      }
      documents += docs.length;
      const names = [
        ...docs.map((d) => d.hostname),
        ...refused.flatMap((r) => [r.hostname, ...(r.id === null ? [] : hostNamesInId(r.id))]),
      ].filter((h): h is string => typeof h === 'string' && h !== '');
      const ctx = await this.context(host, names, now);
      const jobs: DqmJobInput[] = [];
      const deliveries: { documentId: string; rows: StreamDeliveryInput[] }[] = [];
      for (const doc of docs) {
        if (doc.type === JOB_DOCUMENT) {
          const job = jobOf(doc, ctx);
          if (job) jobs.push(job);
        } else if (doc.type === FILES_DOCUMENT) {
          const files = deliveriesOf(doc, ctx);
          if (files) deliveries.push(files);
        }
        if (typeof doc.hostname === 'string') machineName ??= ctx.pseudonym(doc.hostname);
      }
      const throughRev = BigInt(batch[batch.length - 1]!._rev);
      // Refused documents never hold their batch back: quarantined first, then the rest applied.
      await this.quarantine.replace(this.quarantined(host, refused, ctx, throughRev));
      quarantined += refused.length;
      const { rows, outboxId } = await this.jobs.applyBatch(
        host.id,
        jobs,
        deliveries,
        throughRev,
        DQM_SQUARE_STREAMS.dqmJobUpdated,
        dqmJobsUpdatedOf,
      );
      jobsChanged += rows.length;
      if (outboxId !== null) await this.outbox.publishThrough(outboxId, DQM_SQUARE_STREAMS.dqmJobUpdated);
    }
    const lastRev = Math.max(known, ...fresh.map((h) => h._rev));
    await this.updateHost(host.id, {
      up: true,
      error: null,
      failures: 0,
      backoffUntil: null,
      lastSyncAt: now,
      lastRev,
      lagSeconds: lagOf(headers, now),
      ...(machineName && PENDING_NAME.test(host.name) ? { name: machineName } : {}),
    });
    return { headers: headers.length, documents, quarantined, jobsChanged, lastRev };
  }

  /** Refused documents as the quarantine keeps them: ids redacted, the agent's pseudonym in the reason. */
  private quarantined(
    host: DqmHostRow,
    refused: readonly RefusedDocument[],
    ctx: RedactionContext,
    throughRev: bigint,
  ): QuarantinedDocument[] {
    const key = this.key();
    return refused.map((r, i) => ({
      name:
        r.id === null
          ? `no-id-${host.name}-rev${throughRev}-${i + 1}`
          : quarantineName(r.id, ctx.pseudonym, (text) => hostDigest(text, key)),
      reason: `DQM² agent ${host.name}: ${r.reason}`,
    }));
  }

  /** The pseudonyms of the batch's host names, looked up (or given) before anything is redacted. */
  private async context(host: DqmHostRow, hostNames: string[], now: Date): Promise<RedactionContext> {
    const key = this.key();
    const names = new Set(hostNames);
    for (const name of names) {
      const digest = hostDigest(name, key);
      if (!this.pseudonyms.has(digest)) {
        const kind = machineKind(name);
        this.pseudonyms.set(digest, await this.hosts.pseudonym(digest, kind, (n) => pseudonymOf(kind, n)));
      }
    }
    return {
      hostId: host.id,
      cluster: host.cluster,
      keepLogs: this.settings.keepLogs,
      now,
      pseudonym: (name) => this.pseudonyms.get(hostDigest(name, key))!,
    };
  }

  /** Without the key no host name can be pseudonymised, and nothing raw may be stored: refused. */
  private key(): string {
    const key = this.settings.pseudonymKey;
    if (key === null) {
      throw new ServiceUnavailableError('DQM² sync', 'DQM² sync is off: DQM_PSEUDONYM_KEY is not set');
    }
    return key;
  }

  /** Host updates announce `dqmHostChanged` when up, error or name changed (not on every sync). */
  private async updateHost(id: string, data: Parameters<DqmHostRepository['update']>[1]): Promise<void> {
    const { outboxId } = await this.hosts.updateAnnounced(
      id,
      data,
      DQM_SQUARE_STREAMS.dqmHostChanged,
      (before, after) =>
        before.up !== after.up || before.error !== after.error || before.name !== after.name
          ? dqmHostChangedOf(after)
          : null,
    );
    if (outboxId !== null) await this.outbox.publishThrough(outboxId, DQM_SQUARE_STREAMS.dqmHostChanged);
  }
}

/** How old the agent's newest document is, seconds (0 when it has none). */
function lagOf(headers: AgentHeader[], now: Date): number {
  const newest = Math.max(0, ...headers.map((h) => h.timestamp ?? 0));
  return newest === 0 ? 0 : Math.max(0, now.getTime() / 1000 - newest);
}
