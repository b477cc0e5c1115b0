import type { Logger } from '@opshub/config';
import { BadUserInputError } from '@opshub/errors';
import { sourceUrl } from '@opshub/subgraph-kit';
import type { AdminAuditService, AdminCaller } from '../admin-audit/admin-audit.service.js';
import type { AlertIngestService } from '../ingest/alert-ingest.service.js';
import { AlertSourceClient, SourceUnavailable } from './alert-source.client.js';
import type { AlertSourceRepository, AlertSourceRow } from './alert-source.repository.js';
import type { AlertSource } from './alert-source.type.js';
import { parseTruth } from './alert-truth.js';

export interface AlertSourceSettings {
  /** Each HTTP request's deadline, ms. */
  timeoutMs: number;
  /** A batch larger than this fails the pull (bytes). */
  maxBytes: number;
  /** Batches taken in one pull; the rest wait for the next (so one pull is bounded in time). */
  batchesPerPull: number;
  /** First backoff after a failed pull, doubled per consecutive failure up to backoffMaxMs. */
  backoffBaseMs: number;
  backoffMaxMs: number;
}

export const DEFAULT_ALERT_SOURCE_SETTINGS: AlertSourceSettings = {
  timeoutMs: 10_000,
  maxBytes: 256 * 2 ** 20,
  batchesPerPull: 50,
  backoffBaseMs: 5_000,
  backoffMaxMs: 300_000,
};

/** What one pull of one source did. */
export type PullOutcome =
  | { status: 'pulled'; batches: number; alerts: number; quarantined: number; truth: number }
  | { status: 'failed'; error: string; failures: number; until: Date; batches: number }
  | { status: 'backing-off'; until: Date }
  | { status: 'gone' };

const toSource = (r: AlertSourceRow): AlertSource => ({ ...r, id: r.id.toString() });

function parseId(id: string): bigint {
  if (!/^\d{1,19}$/.test(id)) throw new BadUserInputError('id must be an alert source id', { field: 'id' });
  return BigInt(id);
}

/**
 * Alert sources: registered by URL, pulled one at a time from their cursor through alert ingest.
 * A batch moves the cursor once it is stored (alerts and truth) or refused whole (quarantined with
 * its reason); a source that fails (unreachable, an HTTP error, a body cut short) keeps its cursor
 * and is backed off, doubling per failure, so it never delays the others' pulls.
 */
export class AlertSourceService {
  constructor(
    private readonly repo: AlertSourceRepository,
    private readonly ingest: AlertIngestService,
    private readonly settings: AlertSourceSettings,
    private readonly log: Logger,
    private readonly audit: AdminAuditService,
  ) {}

  async list(): Promise<AlertSource[]> {
    return (await this.repo.list()).map(toSource);
  }

  /**
   * Registers a source (idempotent by URL, normalised to end in `/`). With a caller (addAlertSource),
   * audited as `alerts.alert-source-add`; without (the workers' ALERT_SOURCE_URL at start), not.
   */
  async add(url: string, caller?: AdminCaller): Promise<AlertSource> {
    const parsed = sourceUrl(url);
    if (!parsed.pathname.endsWith('/')) parsed.pathname += '/';
    const name = `${parsed.host}${parsed.pathname.replace(/\/$/, '')}`;
    const source = toSource(await this.repo.add(parsed.href, name));
    if (caller)
      await this.audit.record(caller, 'alerts.alert-source-add', `alert-source/${source.id}`, {
        url: source.url,
      });
    return source;
  }

  /** False when unknown. What it brought stays. Audited as `alerts.alert-source-remove` with a caller. */
  async remove(id: string, caller?: AdminCaller): Promise<boolean> {
    const removed = await this.repo.remove(parseId(id));
    if (caller)
      await this.audit.record(caller, 'alerts.alert-source-remove', `alert-source/${id}`, { removed });
    return removed;
  }

  /** The ids of the sources whose backoff is over (the workers' tick enqueues a pull for each). */
  async due(now = new Date()): Promise<string[]> {
    return (await this.repo.list())
      .filter((s) => !s.backoffUntil || s.backoffUntil <= now)
      .map((s) => s.id.toString());
  }

  /** One pull of one source from its cursor; its failures are recorded on it, never thrown. */
  async pull(id: string): Promise<PullOutcome> {
    const source = await this.repo.find(parseId(id));
    if (!source) return { status: 'gone' };
    if (source.backoffUntil && source.backoffUntil > new Date())
      return { status: 'backing-off', until: source.backoffUntil };
    const client = new AlertSourceClient(source.url, this.settings);
    const done = { batches: 0, alerts: 0, quarantined: 0, truth: 0 };
    let cursor = source.cursor;
    try {
      while (done.batches < this.settings.batchesPerPull) {
        const refs = (await client.list(cursor)).slice(0, this.settings.batchesPerPull - done.batches);
        if (refs.length === 0) break;
        for (const ref of refs) {
          const label = `${source.name}/${ref.name}`;
          const result = await this.ingest.ingestBytes(label, await client.batch(ref.name));
          let truthObjects = 0;
          let truthSources = 0;
          let truthRefused = 0;
          if (!result.refused) {
            const text = await client.truth(ref.name);
            if (text !== null) {
              const truth = parseTruth(text);
              const stored = await this.repo.storeTruth(truth.objects, truth.sources);
              truthObjects = stored.objects;
              truthSources = stored.sources;
              truthRefused = await this.repo.quarantineTruth(`${label}/truth`, truth.refused);
            }
          }
          const quarantined = result.quarantined + (result.refused ? 1 : 0) + truthRefused;
          await this.repo.batchDone(source.id, {
            cursor: ref.cursor,
            alerts: result.newAlerts,
            quarantined,
            truthObjects,
            truthSources,
          });
          cursor = ref.cursor;
          done.batches += 1;
          done.alerts += result.newAlerts;
          done.quarantined += quarantined;
          done.truth += truthObjects + truthSources;
          if (result.refused)
            this.log.warn({ batch: label, reason: result.refused }, 'alert batch quarantined');
        }
      }
    } catch (error) {
      if (!(error instanceof SourceUnavailable)) throw error;
      const failures = source.failures + 1;
      const delay = Math.min(this.settings.backoffBaseMs * 2 ** (failures - 1), this.settings.backoffMaxMs);
      const until = new Date(Date.now() + delay);
      await this.repo.failed(source.id, new Date(), error.message, failures, until);
      this.log.warn(
        { source: source.url, error: error.message, failures, until },
        'alert source pull failed',
      );
      return { status: 'failed', error: error.message, failures, until, batches: done.batches };
    }
    await this.repo.pulled(source.id, new Date());
    return { status: 'pulled', ...done };
  }
}
