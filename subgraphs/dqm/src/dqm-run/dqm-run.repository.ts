import type { Db, DqmRun as DqmRunRow, Prisma } from '@opshub/db';
import type { DqmRunFilter } from './dqm-run.input.js';

export type { DqmRunRow };

export interface RunKey {
  camera: string;
  runNumber: number;
}

export interface RunCursor extends RunKey {
  startedAt: Date;
}

export class DqmRunRepository {
  constructor(private readonly db: Db) {}

  find(key: RunKey): Promise<DqmRunRow | null> {
    return this.db.dqmRun.findUnique({ where: { camera_runNumber: key } });
  }

  findMany(keys: readonly RunKey[]): Promise<DqmRunRow[]> {
    return this.db.dqmRun.findMany({
      where: { OR: keys.map((k) => ({ camera: k.camera, runNumber: k.runNumber })) },
    });
  }

  private where(f: DqmRunFilter): Prisma.DqmRunWhereInput {
    const runNumber =
      f.fromRun !== undefined || f.toRun !== undefined
        ? {
            ...(f.fromRun !== undefined && { gte: f.fromRun }),
            ...(f.toRun !== undefined && { lte: f.toRun }),
          }
        : undefined;
    return {
      ...(f.camera !== undefined && { camera: f.camera }),
      ...(runNumber && { runNumber }),
      ...(f.minBadPixels !== undefined && { badPixels: { gte: f.minBadPixels } }),
    };
  }

  /** Newest first; the keyset (startedAt, camera, runNumber) keeps pages stable while runs arrive. */
  page(filter: DqmRunFilter, take: number, after?: RunCursor): Promise<DqmRunRow[]> {
    const before: Prisma.DqmRunWhereInput = after
      ? {
          OR: [
            { startedAt: { lt: after.startedAt } },
            { startedAt: after.startedAt, camera: { lt: after.camera } },
            { startedAt: after.startedAt, camera: after.camera, runNumber: { lt: after.runNumber } },
          ],
        }
      : {};
    return this.db.dqmRun.findMany({
      where: { AND: [this.where(filter), before] },
      orderBy: [{ startedAt: 'desc' }, { camera: 'desc' }, { runNumber: 'desc' }],
      take,
    });
  }

  count(filter: DqmRunFilter): Promise<number> {
    return this.db.dqmRun.count({ where: this.where(filter) });
  }

  /** Creates or updates runs (a re-pulled run gets its new times). */
  async upsert(
    runs: readonly Pick<DqmRunRow, 'camera' | 'runNumber' | 'startedAt' | 'endedAt'>[],
  ): Promise<void> {
    await this.db.$transaction(
      runs.map((r) =>
        this.db.dqmRun.upsert({
          where: { camera_runNumber: { camera: r.camera, runNumber: r.runNumber } },
          create: { camera: r.camera, runNumber: r.runNumber, startedAt: r.startedAt, endedAt: r.endedAt },
          update: { startedAt: r.startedAt, endedAt: r.endedAt },
        }),
      ),
    );
  }
}
