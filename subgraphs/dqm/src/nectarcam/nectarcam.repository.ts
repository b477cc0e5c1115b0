import { AuditTrail, type Db, type Tx } from '@opshub/db';
import type { Outbox } from '@opshub/events';
import type { HubActor } from '../hub-audit.js';
import type { Validators } from './results-download.js';

/** A quantity row as the ingest writes it (one per array, one per column of a dict). */
export interface QuantityRecord {
  key: string;
  label: string;
  gain: 'HIGH' | 'LOW' | null;
  field: string;
  unit: string | null;
  dtype: string;
  shape: number[];
  values: Buffer;
}

export interface RunRecord {
  camera: string;
  runNumber: number;
  startedAt: Date;
  endedAt: Date | null;
  sourceId: string;
  fileName: string;
  sha256: string;
  sizeBytes: number;
  validators: Validators;
  /** DqmRun.badPixels, counted from the quantities by the ingest (null without the quantity). */
  badPixels: number | null;
}

/** What is known of a listed file from an earlier pull. */
export interface KnownFile {
  sha256: string | null;
  validators: Validators;
}

export type SourceRow = Awaited<ReturnType<NectarcamRepository['sources']>>[number];
/** A quantity with its values as base64 (the compact little-endian array). */
export interface QuantityRow {
  key: string;
  label: string;
  gain: string | null;
  field: string;
  unit: string | null;
  dtype: string;
  shape: number[];
  base64: string;
}
export type QuarantineRow = Awaited<ReturnType<NectarcamRepository['quarantinePage']>>[number];
export type GeometryRow = NonNullable<Awaited<ReturnType<NectarcamRepository['geometry']>>>;

export class NectarcamRepository {
  private readonly trail: AuditTrail;

  constructor(
    private readonly db: Db,
    private readonly outbox: Outbox<Tx>,
  ) {
    this.trail = new AuditTrail(db);
  }

  sources(enabledOnly = false) {
    return this.db.nectarcamSource.findMany({
      where: enabledOnly ? { enabled: true } : {},
      orderBy: { createdAt: 'asc' },
    });
  }

  /**
   * Adds the source, or returns it when its URL is already registered. Added by a user: with its
   * `dqm.nectarcam-source-add` entry in the hub's audit log (`added` false when it was there), together.
   */
  addSource(url: string, by?: HubActor) {
    if (!by) return this.db.nectarcamSource.upsert({ where: { url }, create: { url }, update: {} });
    return this.db.$transaction(async (tx) => {
      const known = await tx.nectarcamSource.findUnique({ where: { url } });
      const row = known ?? (await tx.nectarcamSource.upsert({ where: { url }, create: { url }, update: {} }));
      const detail = { url, added: known === null };
      await this.trail.record(sourceEntry(by, 'dqm.nectarcam-source-add', row.id, detail), tx);
      return row;
    });
  }

  /** Removes the source (false when unknown); by a user, with its entry and outcome, together. */
  async removeSource(id: string, by?: HubActor): Promise<boolean> {
    return this.db.$transaction(async (tx) => {
      const gone = await tx.nectarcamSource.findUnique({ where: { id }, select: { url: true } });
      const removed = gone !== null && (await tx.nectarcamSource.deleteMany({ where: { id } })).count > 0;
      if (by) {
        const detail = { removed, ...(gone ? { url: gone.url } : {}) };
        await this.trail.record(sourceEntry(by, 'dqm.nectarcam-source-remove', id, detail), tx);
      }
      return removed;
    });
  }

  async markListed(id: string, error: string | null): Promise<void> {
    await this.db.nectarcamSource.update({
      where: { id },
      data: error === null ? { lastListedAt: new Date(), lastError: null } : { lastError: error },
    });
  }

  /** The run or quarantine entry this source's file produced last, if any. */
  async knownFile(sourceId: string, fileName: string): Promise<KnownFile | null> {
    const run = await this.db.dqmRun.findFirst({
      where: { sourceId, fileName },
      select: { sha256: true, etag: true, lastModified: true },
    });
    const row =
      run ??
      (await this.db.dqmQuarantine.findUnique({
        where: { sourceId_name: { sourceId, name: fileName } },
        select: { sha256: true, etag: true, lastModified: true },
      }));
    return row && { sha256: row.sha256, validators: { etag: row.etag, lastModified: row.lastModified } };
  }

  /**
   * The run and all its quantities in one transaction with its event: a replaced run's old
   * quantities go with it, and an earlier quarantine of the same file is lifted. All or nothing.
   * Null when the run is already stored from the same bytes.
   */
  storeRun(
    run: RunRecord,
    quantities: readonly QuantityRecord[],
    stream: string,
    eventOf: (replaced: boolean) => unknown,
  ): Promise<{ outboxId: bigint; replaced: boolean } | null> {
    const key = { camera: run.camera, runNumber: run.runNumber };
    return this.db.$transaction(
      async (tx) => {
        // Two pulls (two workers, or a slow one overlapping its next) may hold the same file: one
        // stores it, the other finds it stored and changes nothing.
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`dqm-run/${run.camera}/${run.runNumber}`}))`;
        const current = await tx.dqmRun.findUnique({
          where: { camera_runNumber: key },
          select: { sha256: true },
        });
        if (current?.sha256 === run.sha256) return null;
        const { count } = await tx.dqmRun.deleteMany({ where: key });
        await tx.dqmRun.create({
          data: {
            ...key,
            startedAt: run.startedAt,
            endedAt: run.endedAt,
            sourceId: run.sourceId,
            fileName: run.fileName,
            sha256: run.sha256,
            sizeBytes: BigInt(run.sizeBytes),
            badPixels: run.badPixels,
            etag: run.validators.etag,
            lastModified: run.validators.lastModified,
            ingestedAt: new Date(),
          },
        });
        await tx.dqmQuantity.createMany({
          data: quantities.map((q) => ({ ...key, ...q, values: new Uint8Array(q.values) })),
        });
        await tx.dqmQuarantine.deleteMany({ where: { sourceId: run.sourceId, name: run.fileName } });
        const outboxId = await this.outbox.append(tx, stream, eventOf(count > 0));
        return { outboxId, replaced: count > 0 };
      },
      { timeout: 60_000 },
    );
  }

  /** The same bytes came back under new validators: remember them, change nothing else. */
  async refreshValidators(sourceId: string, fileName: string, validators: Validators): Promise<void> {
    const data = { etag: validators.etag, lastModified: validators.lastModified };
    await this.db.dqmRun.updateMany({ where: { sourceId, fileName }, data });
    await this.db.dqmQuarantine.updateMany({ where: { sourceId, name: fileName }, data });
  }

  async quarantine(
    sourceId: string,
    name: string,
    reason: string,
    sha256: string | null,
    validators: Validators,
  ): Promise<void> {
    const data = {
      reason,
      sha256,
      etag: validators.etag,
      lastModified: validators.lastModified,
      at: new Date(),
    };
    await this.db.dqmQuarantine.upsert({
      where: { sourceId_name: { sourceId, name } },
      create: { sourceId, name, ...data },
      update: data,
    });
  }

  quarantinePage(take: number, after?: { at: Date; id: string }) {
    return this.db.dqmQuarantine.findMany({
      where: after ? { OR: [{ at: { lt: after.at } }, { at: after.at, id: { lt: after.id } }] } : {},
      orderBy: [{ at: 'desc' }, { id: 'desc' }],
      take,
      include: { source: { select: { url: true } } },
    });
  }

  quarantineCount(): Promise<number> {
    return this.db.dqmQuarantine.count();
  }

  /**
   * A run's quantities; `keys` upper-cased already; `gain` undefined = every gain. The values come as
   * base64 text encoded by the server: Prisma's driver adapter turns a bytea into a JS array one byte
   * at a time (65 ms for a 1855 × 60 image, against under 1 ms for the text).
   */
  quantities(
    camera: string,
    runNumber: number,
    keys?: readonly string[],
    gain?: 'HIGH' | 'LOW' | null,
  ): Promise<QuantityRow[]> {
    return this.db.$queryRaw<QuantityRow[]>`
      SELECT key, label, gain, field, unit, dtype, shape,
             translate(encode(values, 'base64'), E'\n', '') AS "base64"
      FROM dqm.quantity
      WHERE camera = ${camera} AND run_number = ${runNumber}
        AND (${keys ? [...keys] : null}::text[] IS NULL OR key = ANY(${keys ? [...keys] : null}::text[]))
        AND (${gain === undefined} OR gain IS NOT DISTINCT FROM ${gain ?? null})
      ORDER BY id`;
  }

  /** A run's quantities without their values. */
  quantityInfos(camera: string, runNumber: number) {
    return this.db.dqmQuantity.findMany({
      where: { camera, runNumber },
      select: { key: true, label: true, gain: true, field: true, unit: true, dtype: true, shape: true },
      orderBy: { id: 'asc' },
    });
  }

  geometry(name: string) {
    return this.db.cameraGeometry.findUnique({ where: { name } });
  }

  async storeGeometry(row: GeometryRow): Promise<void> {
    const { name, ...rest } = row;
    await this.db.cameraGeometry.upsert({ where: { name }, create: row, update: rest });
  }
}

function sourceEntry(by: HubActor, kind: string, id: string, detail: Record<string, string | boolean>) {
  return { actorId: by.actorId, kind, target: `nectarcam-source/${id}`, detail, requestId: by.requestId };
}
