import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Logger } from '@opshub/config';
import type { Outbox } from '@opshub/events';
import { fromValues, NECTARCAM_GEOMETRY_FILE, readCameraGeometry, type Dtype } from '@opshub/fits';
import { DQM_STREAMS, type DqmRunIngestedEvent } from '../events.js';
import { parseDirectoryListing, type ListedRun } from './directory-listing.js';
import type { NectarcamRepository, QuantityRecord, SourceRow } from './nectarcam.repository.js';
import { DownloadError, downloadResults } from './results-download.js';
import { parseResultsTarball, ResultsRefused } from './results-file.js';

export interface NectarcamIngestSettings {
  /** A tarball larger than this (downloaded, or inflated) is quarantined. */
  maxBytes: number;
  /** Per HTTP request. */
  timeoutMs: number;
}

/** What one pull did, summed over the sources (the job's return value). */
export interface PullSummary {
  sources: number;
  listed: number;
  ingested: number;
  replaced: number;
  unchanged: number;
  quarantined: number;
  /** Files or listings that could not be fetched (left for the next pull). */
  failed: number;
}

type Outcome = 'ingested' | 'replaced' | 'unchanged' | 'quarantined' | 'failed';

/** The quantity `DqmRun.badPixels` counts the non-zero values of (at high gain). */
export const BAD_PIXEL_KEY = 'CAMERA-BADPIX-PHY-OVEREVENTS';

/**
 * DqmRun.badPixels of a parsed run, stored with the run and sent in its event: the non-zero values of
 * CAMERA-BADPIX-PHY-OVEREVENTS at high gain (NaN counted, -0 not); null when the run has none.
 */
export function badPixelCount(quantities: readonly QuantityRecord[]): number | null {
  const q = quantities.find((r) => r.key === BAD_PIXEL_KEY && r.gain === 'HIGH' && r.field === '');
  if (!q || q.dtype === 'str') return null;
  const values = fromValues({ dtype: q.dtype as Dtype, shape: q.shape, bytes: q.values }) as ArrayLike<
    number | bigint | boolean
  >;
  let n = 0;
  for (let i = 0; i < values.length; i++) if (Number(values[i]) !== 0) n++;
  return n;
}

/**
 * The NectarCAM pull: lists each enabled source, downloads the tarballs that are new or changed,
 * stores each run whole in one transaction or quarantines its file with the reason. One bad file
 * or one unreachable source never stops the others.
 */
export class NectarcamIngestService {
  constructor(
    private readonly repo: NectarcamRepository,
    private readonly outbox: Outbox,
    private readonly settings: NectarcamIngestSettings,
    private readonly log: Logger,
  ) {}

  async pull(): Promise<PullSummary> {
    const summary: PullSummary = {
      sources: 0,
      listed: 0,
      ingested: 0,
      replaced: 0,
      unchanged: 0,
      quarantined: 0,
      failed: 0,
    };
    for (const source of await this.repo.sources(true)) {
      summary.sources++;
      let listed: ListedRun[];
      try {
        listed = await this.list(source.url);
        await this.repo.markListed(source.id, null);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        this.log.warn({ source: source.url, err: message }, 'nectarcam source not listed');
        await this.repo.markListed(source.id, message);
        summary.failed++;
        continue;
      }
      summary.listed += listed.length;
      for (const run of listed) summary[await this.ingest(source, run)]++;
    }
    return summary;
  }

  private async list(url: string): Promise<ListedRun[]> {
    const res = await fetch(url, { signal: AbortSignal.timeout(this.settings.timeoutMs) });
    if (!res.ok) throw new Error(`GET ${url}: HTTP ${res.status}`);
    return parseDirectoryListing(await res.text(), url);
  }

  private async ingest(source: SourceRow, run: ListedRun): Promise<Outcome> {
    const where = { source: source.url, file: run.fileName };
    const known = await this.repo.knownFile(source.id, run.fileName);
    let download;
    try {
      download = await downloadResults(
        run.url,
        known?.validators ?? null,
        this.settings.maxBytes,
        this.settings.timeoutMs,
      );
    } catch (err) {
      if (err instanceof DownloadError && err.tooLarge) {
        await this.repo.quarantine(source.id, run.fileName, `TOO_LARGE: ${err.message}`, null, {
          etag: null,
          lastModified: null,
        });
        return 'quarantined';
      }
      this.log.warn({ ...where, err: err instanceof Error ? err.message : String(err) }, 'download failed');
      return 'failed';
    }
    if (download.kind === 'unchanged') return 'unchanged';
    if (known?.sha256 === download.sha256) {
      await this.repo.refreshValidators(source.id, run.fileName, download.validators);
      return 'unchanged';
    }
    let parsed;
    try {
      parsed = parseResultsTarball(download.bytes, run.runNumber, this.settings.maxBytes);
    } catch (err) {
      if (!(err instanceof ResultsRefused)) throw err;
      this.log.warn({ ...where, reason: err.reason }, 'nectarcam results quarantined');
      await this.repo.quarantine(source.id, run.fileName, err.reason, download.sha256, download.validators);
      return 'quarantined';
    }
    const record = {
      camera: run.camera,
      runNumber: run.runNumber,
      startedAt: parsed.startedAt,
      endedAt: parsed.endedAt,
      sourceId: source.id,
      fileName: run.fileName,
      sha256: download.sha256,
      sizeBytes: download.size,
      validators: download.validators,
      badPixels: badPixelCount(parsed.quantities),
    };
    const eventOf = (replaced: boolean): DqmRunIngestedEvent => ({
      camera: run.camera,
      runNumber: run.runNumber,
      startedAt: parsed.startedAt.toISOString(),
      endedAt: parsed.endedAt?.toISOString() ?? null,
      fileName: run.fileName,
      sha256: download.sha256,
      quantities: parsed.quantities.length,
      badPixels: record.badPixels,
      replaced,
    });
    const stored = await this.repo.storeRun(record, parsed.quantities, DQM_STREAMS.dqmRunIngested, eventOf);
    if (!stored) return 'unchanged';
    await this.outbox.publishThrough(stored.outboxId, DQM_STREAMS.dqmRunIngested);
    this.log.info(
      { ...where, quantities: parsed.quantities.length, replaced: stored.replaced },
      'run ingested',
    );
    return stored.replaced ? 'replaced' : 'ingested';
  }

  /** Stores the camera geometry of a ctapipe file unless the same bytes are stored already. */
  async ingestGeometry(file = NECTARCAM_GEOMETRY_FILE): Promise<{ name: string; stored: boolean }> {
    const bytes = await readFile(file);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const g = readCameraGeometry(bytes);
    const existing = await this.repo.geometry(g.cameraId);
    if (existing?.sha256 === sha256) return { name: g.cameraId, stored: false };
    const le = (a: Int32Array | Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
    await this.repo.storeGeometry({
      name: g.cameraId,
      pixelShape: g.pixelShape,
      pixelRotationDeg: g.pixelRotationDeg,
      cameraRotationDeg: g.cameraRotationDeg,
      pixelCount: g.pixelCount,
      pixelIds: new Uint8Array(le(g.pixelId)),
      x: new Uint8Array(le(g.x)),
      y: new Uint8Array(le(g.y)),
      area: new Uint8Array(le(g.area)),
      sha256,
      ingestedAt: new Date(),
    });
    return { name: g.cameraId, stored: true };
  }
}
