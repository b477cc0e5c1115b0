import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '@opshub/config';
import type { EventBus } from '@opshub/events';
import { ALERTS_STREAMS, type AlertIngestedEvent } from '../events.js';
import { FileRefused, readAlertFile, type FileEntry } from './alert-file.reader.js';
import type { AlertIngestRepository, QuarantineRow } from './alert-ingest.repository.js';
import { splitRows, type Sent } from './alert-ingest.rows.js';
import { jsonSafe, RecordError, toAlertRecord, type AlertRecord } from './alert-record.js';

/** Alerts per transaction: large enough for COPY to pay, small enough for a live progress bar. */
const CHUNK = 1_000;
/** Events per Redis round trip (a pipeline of XADDs). */
const PUBLISH_BATCH = 1_000;

/** What one file did. `refused` set: nothing of it was stored. */
export interface IngestResult {
  source: string;
  format: 'avro' | 'json' | 'ndjson' | null;
  refused: string | null;
  /** Records read (alerts and quarantined records). */
  records: number;
  newAlerts: number;
  knownAlerts: number;
  quarantined: number;
  newObjects: number;
  newSources: number;
  newForcedSources: number;
}

export interface IngestProgress {
  source: string;
  done: number;
  total: number;
}

const sha256 = (...parts: (string | Buffer)[]): string => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p).update('\0');
  return h.digest('hex');
};

const stringify = (value: unknown): string => JSON.stringify(jsonSafe(value));

/** A record quarantined with its reason (its digest makes a repeated import store it once). */
function quarantined(
  source: string,
  position: number,
  reason: string,
  raw: unknown,
  alertId: bigint | null = null,
): QuarantineRow {
  const record = stringify(raw);
  return {
    digest: sha256(source, String(position), reason, record),
    source,
    position,
    alertId,
    reason,
    record,
  };
}

/** A checked chunk: the alerts to store (with where they were and what they were), the quarantined records. */
interface Checked {
  quarantine: QuarantineRow[];
  /** `raw`: the decoded value for a quarantine reason (null from the fast decoder: its alerts carry their object). */
  good: { position: number; raw: unknown; alert: AlertRecord }[];
}

/**
 * Alert ingest, shared by the CLI and the workers: reads a file (Avro container, JSON, NDJSON),
 * checks each alert, stores the good ones in bulk and quarantines the others with their reason,
 * then announces each new alert. Importing the same file again stores nothing and announces nothing.
 */
export class AlertIngestService {
  constructor(
    private readonly repository: AlertIngestRepository,
    private readonly objectFloatFields: readonly string[],
    private readonly events: EventBus,
    private readonly log: Logger,
  ) {}

  /** One file from disk; its base name is the quarantine's `source`. */
  async ingestFile(file: string, onProgress?: (p: IngestProgress) => void): Promise<IngestResult> {
    return this.ingestBytes(path.basename(file), await readFile(file), onProgress);
  }

  async ingestBytes(
    source: string,
    bytes: Buffer,
    onProgress?: (p: IngestProgress) => void,
  ): Promise<IngestResult> {
    const result: IngestResult = {
      source,
      format: null,
      refused: null,
      records: 0,
      newAlerts: 0,
      knownAlerts: 0,
      quarantined: 0,
      newObjects: 0,
      newSources: 0,
      newForcedSources: 0,
    };
    let entries: Iterable<FileEntry>;
    try {
      const file = readAlertFile(bytes);
      result.format = file.format;
      result.records = file.total;
      entries = file.entries;
    } catch (error) {
      if (!(error instanceof FileRefused)) throw error;
      result.refused = error.message;
      await this.repository.quarantine([
        {
          digest: sha256(source, '', error.message, bytes),
          source,
          position: null,
          alertId: null,
          reason: error.message,
          record: null,
        },
      ]);
      this.log.warn({ source, reason: error.message }, 'alert file refused');
      return result;
    }
    const total = result.records;
    const sent: Sent = { objects: new Set(), sources: new Set(), forced: new Set() };
    // A chunk is decoded and checked while the one before it is written (one store in flight, in order) and
    // the one before that announced (announcements in order, after their chunk's commit).
    let writing: Promise<void> = Promise.resolve();
    let announcing: Promise<void> = Promise.resolve();
    let chunk: FileEntry[] = [];
    let read = 0;
    const flush = async (): Promise<void> => {
      const checked = this.check(source, chunk);
      read += chunk.length;
      chunk = [];
      const done = Math.min(read, total);
      await writing;
      writing = this.storeChunk(source, checked, result, sent).then((stored) => {
        announcing = announcing.then(() => this.announce(stored));
        onProgress?.({ source, done, total });
      });
    };
    try {
      for (const entry of entries) {
        chunk.push(entry);
        if (chunk.length === CHUNK) await flush();
      }
      if (chunk.length > 0) await flush();
    } finally {
      await writing.finally(() => announcing);
    }
    if (total === 0) onProgress?.({ source, done: 0, total: 0 });
    return result;
  }

  /** Checks a chunk's records: the alerts to store, and the others quarantined with their reason. */
  private check(source: string, entries: readonly FileEntry[]): Checked {
    const quarantine: QuarantineRow[] = [];
    const good: Checked['good'] = [];
    for (const entry of entries) {
      if ('error' in entry) quarantine.push(quarantined(source, entry.position, entry.error, entry.raw));
      else if ('alert' in entry) good.push({ position: entry.position, raw: null, alert: entry.alert });
      else {
        try {
          good.push({
            position: entry.position,
            raw: entry.value,
            alert: toAlertRecord(entry.value, this.objectFloatFields),
          });
        } catch (error) {
          if (!(error instanceof RecordError)) throw error;
          quarantine.push(quarantined(source, entry.position, error.message, entry.value));
        }
      }
    }
    return { quarantine, good };
  }

  private async storeChunk(
    source: string,
    { quarantine, good }: Checked,
    result: IngestResult,
    sent: Sent,
  ): Promise<AlertRecord[]> {
    // Which objects are stored decides where their rows go (straight in, or merged); an alert without its
    // diaObject may only add to an object stored already (or carried by another alert here).
    const carried = new Set(good.flatMap((g) => (g.alert.object ? [g.alert.object.id] : [])));
    const known = await this.repository.knownObjects([...new Set(good.map((g) => g.alert.diaObjectId))]);
    const alerts: AlertRecord[] = [];
    for (const g of good) {
      if (!g.alert.object && !carried.has(g.alert.diaObjectId) && !known.has(g.alert.diaObjectId))
        quarantine.push(
          quarantined(
            source,
            g.position,
            `diaObject ${g.alert.diaObjectId} is unknown and the alert carries none`,
            g.raw,
            g.alert.alertId,
          ),
        );
      else alerts.push(g.alert);
    }
    const batch = splitRows(alerts, known, sent, quarantine);
    const stored = await this.repository.store(batch);
    const fresh = new Set(stored.newAlerts);
    result.newAlerts += fresh.size;
    result.knownAlerts += new Set(alerts.map((a) => a.alertId)).size - fresh.size;
    result.quarantined += quarantine.length;
    result.newObjects += stored.newObjects;
    result.newSources += stored.newSources;
    result.newForcedSources += stored.newForcedSources;
    return alerts.filter((a) => fresh.delete(a.alertId));
  }

  /** One `alertIngested` per new alert, a pipeline of them per round trip; never throws (the alerts are stored). */
  private async announce(alerts: readonly AlertRecord[]): Promise<void> {
    let failures = 0;
    for (let i = 0; i < alerts.length; i += PUBLISH_BATCH) {
      const batch = alerts.slice(i, i + PUBLISH_BATCH);
      try {
        await this.events.publishMany<AlertIngestedEvent>(
          ALERTS_STREAMS.alertIngested,
          'alert',
          batch.map((a) => ({
            alertId: a.alertId.toString(),
            diaObjectId: a.diaObjectId.toString(),
            diaSourceId: a.source.id.toString(),
            midPointTai: a.source.midPointTai,
            filterName: a.source.filterName,
            ra: a.source.ra,
            decl: a.source.decl,
            psFlux: a.source.psFlux,
            psFluxErr: a.source.psFluxErr,
            snr: a.source.snr,
          })),
        );
      } catch {
        failures += batch.length;
      }
    }
    if (failures) this.log.warn({ alerts: alerts.length, failures }, 'alertIngested not published');
  }
}
