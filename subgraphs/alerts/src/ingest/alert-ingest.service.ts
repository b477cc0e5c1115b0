import { readFile } from 'node:fs/promises';
import { setImmediate as turn } from 'node:timers/promises';
import path from 'node:path';
import type { Logger } from '@opshub/config';
import type { EventBus } from '@opshub/events';
import { ALERTS_STREAMS, type AlertIngestedEvent } from '../events.js';
import { FileRefused, readAlertFile, type FileEntry } from './alert-file.reader.js';
import type { AlertIngestRepository, EncodedBatch } from './alert-ingest.repository.js';
import { splitRows } from './alert-ingest.rows.js';
import { sentIds, type SentIds } from './id-set.js';
import { StorePipeline } from './store-pipeline.js';
import type { AlertRecord } from './alert-record.js';
import { checkChunk, quarantined, sha256, type Checked } from './alert-ingest.check.js';

/**
 * Alerts per transaction: each COPY statement costs about a millisecond of its own, so a few thousand alerts
 * (some 20,000 rows with their history) make the four COPYs of a chunk cost what a raw COPY does.
 */
const CHUNK = 5_000;
/** The first chunk of a pipeline: small, so the database starts while the rest is decoded. */
const FIRST_CHUNK = 500;
/** Records decoded between two turns of the event loop: the store's replies are not kept waiting. */
const DECODE_SLICE = 64;
/** Events per Redis round trip (one script of XADDs, `EventBus.publishMany`). */
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

/** A chunk ready for its turn: its alerts, the objects new to the store it carries, its rows encoded. */
interface Prepared {
  alerts: AlertRecord[];
  quarantined: number;
  objects: ReadonlySet<bigint>;
  encoded: EncodedBatch;
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
    return (await this.ingestFiles([file], { onProgress }))[0]!;
  }

  /**
   * Files in turn through one pipeline: a file is read and decoded while the one before it is stored, so the
   * database is never idle between files. `onFile` hears of each file, in order, once all of it is stored.
   * Rejects at the first store that fails (what is stored stays: every chunk is a transaction of its own).
   */
  async ingestFiles(
    files: readonly string[],
    listeners: { onProgress?: (p: IngestProgress) => void; onFile?: (r: IngestResult) => void } = {},
  ): Promise<IngestResult[]> {
    const pipeline = new StorePipeline();
    const results: IngestResult[] = [];
    try {
      for (const file of files) {
        const result = await this.feed(
          path.basename(file),
          await readFile(file),
          pipeline,
          listeners.onProgress,
        );
        results.push(result);
        pipeline.afterStored(() => listeners.onFile?.(result));
      }
    } finally {
      await pipeline.drain();
    }
    return results;
  }

  async ingestBytes(
    source: string,
    bytes: Buffer,
    onProgress?: (p: IngestProgress) => void,
  ): Promise<IngestResult> {
    const pipeline = new StorePipeline();
    try {
      return await this.feed(source, bytes, pipeline, onProgress);
    } finally {
      await pipeline.drain();
    }
  }

  /**
   * Reads a file's records into the pipeline a chunk at a time; returns once the last chunk is handed on. The
   * result's counts are complete once the pipeline has stored them.
   */
  private async feed(
    source: string,
    bytes: Buffer,
    pipeline: StorePipeline,
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
    const sent = sentIds();
    try {
      const file = readAlertFile(bytes, sent);
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
    let chunk: FileEntry[] = [];
    let read = 0;
    // A chunk is decoded, checked and encoded while the one before it is stored.
    const flush = async (): Promise<void> => {
      const checked = checkChunk(source, chunk, this.objectFloatFields);
      read += chunk.length;
      chunk = [];
      const done = Math.min(read, total);
      const prepared = await this.prepare(source, checked, sent, pipeline);
      await pipeline.store(
        prepared.objects,
        () => this.storeChunk(prepared, result),
        (stored) => this.announce(stored),
        () => onProgress?.({ source, done, total }),
      );
    };
    for (const entry of entries) {
      chunk.push(entry);
      if (chunk.length === (pipeline.started ? CHUNK : FIRST_CHUNK)) await flush();
      else if (chunk.length % DECODE_SLICE === 0) await turn();
    }
    if (chunk.length > 0) await flush();
    if (total === 0) onProgress?.({ source, done: 0, total: 0 });
    return result;
  }

  /**
   * Where a chunk's rows go, encoded: the rows of objects not stored yet straight in, the others merged. An
   * alert without its diaObject may only add to an object stored already, carried by another alert here, or
   * carried by a chunk not committed yet; otherwise it is quarantined.
   */
  private async prepare(
    source: string,
    { quarantine, good }: Checked,
    sent: SentIds,
    pipeline: StorePipeline,
  ): Promise<Prepared> {
    const carried = new Set(good.flatMap((g) => (g.alert.object ? [g.alert.object.id] : [])));
    const uncommitted = pipeline.uncommittedObjects();
    const known = await this.repository.knownObjects([...new Set(good.map((g) => g.alert.diaObjectId))]);
    for (const g of good)
      if (!known.has(g.alert.diaObjectId) && uncommitted.some((objects) => objects.has(g.alert.diaObjectId)))
        known.add(g.alert.diaObjectId);
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
    return {
      alerts,
      quarantined: quarantine.length,
      objects: new Set(batch.fresh.objects.map((o) => o.id)),
      encoded: await this.repository.encode(batch),
    };
  }

  private async storeChunk(prepared: Prepared, result: IngestResult): Promise<AlertRecord[]> {
    const { alerts } = prepared;
    const stored = await this.repository.store(prepared.encoded);
    const fresh = new Set(stored.newAlerts);
    result.newAlerts += fresh.size;
    result.knownAlerts += new Set(alerts.map((a) => a.alertId)).size - fresh.size;
    result.quarantined += prepared.quarantined;
    result.newObjects += stored.newObjects;
    result.newSources += stored.newSources;
    result.newForcedSources += stored.newForcedSources;
    return alerts.filter((a) => fresh.delete(a.alertId));
  }

  /** One `alertIngested` per new alert, a script of them per round trip; never throws (the alerts are stored). */
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
