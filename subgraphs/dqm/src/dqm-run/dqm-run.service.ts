import { BadUserInputError } from '@opshub/errors';
import { pageArgs, toConnection, type ConnectionShape } from '@opshub/subgraph-kit';
import { CAMERA, type DqmRunFilter, type DqmRunInput, type DqmRunsArgs } from './dqm-run.input.js';
import type { DqmRunRepository, DqmRunRow, RunKey } from './dqm-run.repository.js';
import type { DqmRun } from './dqm-run.type.js';

export function toDqmRun(row: DqmRunRow): DqmRun {
  return {
    camera: row.camera,
    runNumber: row.runNumber,
    startedAt: row.startedAt,
    endedAt: row.endedAt,
    badPixels: row.badPixels,
  };
}

/** One string per run, for per-request loaders; the run number follows the last slash. */
export const runKey = (k: RunKey): string => `${k.camera}/${k.runNumber}`;

export function parseRunKey(key: string): RunKey {
  const at = key.lastIndexOf('/');
  return { camera: key.slice(0, at), runNumber: Number(key.slice(at + 1)) };
}

const isRunNumber = (n: unknown): n is number =>
  Number.isInteger(n) && (n as number) >= 0 && (n as number) <= 2 ** 31 - 1;

const given = <T>(v: T | null | undefined): T | undefined => v ?? undefined;

/** The filters of `dqmRuns`, checked: run numbers and counts non-negative integers, a range not upside down. */
export function runFilter(args: DqmRunsArgs): DqmRunFilter {
  const fromRun = given(args.fromRun);
  const toRun = given(args.toRun);
  for (const [field, n] of [
    ['fromRun', fromRun],
    ['toRun', toRun],
    ['minBadPixels', given(args.minBadPixels)],
  ] as const) {
    if (n !== undefined && !isRunNumber(n))
      throw new BadUserInputError(`${field} must be a non-negative integer`, { field });
  }
  if (fromRun !== undefined && toRun !== undefined && fromRun > toRun)
    throw new BadUserInputError('fromRun is above toRun', { field: 'fromRun' });
  // onlyBad: at least one bad pixel; minBadPixels raises the bar.
  const floor = Math.max(args.onlyBad ? 1 : 0, given(args.minBadPixels) ?? 0);
  const minBadPixels = args.onlyBad || args.minBadPixels != null ? floor : undefined;
  return { camera: given(args.camera), fromRun, toRun, minBadPixels };
}

export class DqmRunService {
  constructor(private readonly runs: DqmRunRepository) {}

  async byKey(camera: string, runNumber: number): Promise<DqmRun | null> {
    if (!isRunNumber(runNumber))
      throw new BadUserInputError('runNumber must be a non-negative integer', { field: 'runNumber' });
    const row = await this.runs.find({ camera, runNumber });
    return row ? toDqmRun(row) : null;
  }

  /** For entity references, keyed by `runKey`. */
  async byKeys(keys: readonly RunKey[]): Promise<Map<string, DqmRun>> {
    const valid = keys.filter((k) => typeof k.camera === 'string' && isRunNumber(k.runNumber));
    if (valid.length === 0) return new Map();
    return new Map((await this.runs.findMany(valid)).map((r) => [runKey(r), toDqmRun(r)]));
  }

  async page(args: DqmRunsArgs): Promise<ConnectionShape<DqmRun>> {
    const filter = runFilter(args);
    const { first, after } = pageArgs(args);
    let cursor: { startedAt: Date; camera: string; runNumber: number } | undefined;
    if (after) {
      const [at, cam, run] = after;
      const startedAt = new Date(String(at));
      if (
        after.length !== 3 ||
        Number.isNaN(startedAt.getTime()) ||
        typeof cam !== 'string' ||
        !isRunNumber(run)
      ) {
        throw new BadUserInputError('Invalid cursor: pass an endCursor returned by this API', {
          argument: 'after',
        });
      }
      cursor = { startedAt, camera: cam, runNumber: run };
    }
    const [rows, total] = await Promise.all([
      this.runs.page(filter, first + 1, cursor),
      this.runs.count(filter),
    ]);
    return toConnection(rows, first, total, toDqmRun, (r) => [
      r.startedAt.toISOString(),
      r.camera,
      r.runNumber,
    ]);
  }

  /** Records runs (the seed, the NectarCAM pull); validates them all before writing any. */
  async upsertRuns(runs: readonly DqmRunInput[]): Promise<number> {
    runs.forEach((r, i) => {
      if (!CAMERA.test(r.camera))
        throw new BadUserInputError(`runs[${i}].camera is not a NectarCAM camera: ${r.camera}`, {
          field: 'camera',
        });
      if (!isRunNumber(r.runNumber))
        throw new BadUserInputError(`runs[${i}].runNumber must be a non-negative integer`, {
          field: 'runNumber',
        });
      if (Number.isNaN(r.startedAt.getTime()))
        throw new BadUserInputError(`runs[${i}].startedAt is not a date`, { field: 'startedAt' });
      if (r.endedAt && !(r.endedAt >= r.startedAt)) {
        throw new BadUserInputError(`runs[${i}] ends before it starts`, { field: 'endedAt' });
      }
    });
    await this.runs.upsert(runs);
    return runs.length;
  }
}
