import { BadUserInputError } from '@opshub/errors';
import { pageArgs, toConnection, type ConnectionShape, type PageArgs } from '@opshub/subgraph-kit';
import { parseObjectId } from '../dia-object/dia-object.service.js';
import type { DiaSourceRepository, ForcedRow, SourcePage, SourceRow } from './dia-source.repository.js';
import type { DiaForcedSource, DiaSource } from './dia-source.type.js';

export const toDiaSource = (r: SourceRow): DiaSource => ({
  id: r.id.toString(),
  diaObjectId: r.diaObjectId.toString(),
  midPointTai: r.midPointTai,
  filterName: r.filterName,
  ra: r.ra,
  decl: r.decl,
  psFlux: r.psFlux,
  psFluxErr: r.psFluxErr,
  snr: r.snr,
});

export const toDiaForcedSource = (r: ForcedRow): DiaForcedSource => ({
  id: r.id.toString(),
  diaObjectId: r.diaObjectId.toString(),
  midPointTai: r.midPointTai,
  filterName: r.filterName,
  psFlux: r.psFlux,
  psFluxErr: r.psFluxErr,
});

/** The keyset of a page: (midPointTai, id) of the last row of the previous page. */
function pageOf(
  diaObjectId: string,
  args: PageArgs,
  filterName?: string | null,
): { first: number; page: SourcePage } {
  const { first, after } = pageArgs(args);
  let key: SourcePage['after'];
  if (after) {
    const [mjd, id] = after;
    const parsed = typeof id === 'string' ? parseObjectId(id) : null;
    if (typeof mjd !== 'number' || parsed === null)
      throw new BadUserInputError('after is not a cursor of this list', { argument: 'after' });
    key = { mjd, id: parsed };
  }
  return {
    first,
    page: {
      diaObjectId: BigInt(diaObjectId),
      ...(filterName ? { filterName } : {}),
      ...(key ? { after: key } : {}),
      take: first + 1,
    },
  };
}

const keyOf = (r: { midPointTai: number; id: bigint }): [number, string] => [r.midPointTai, r.id.toString()];

export class DiaSourceService {
  constructor(private readonly rows: DiaSourceRepository) {}

  /** By diaSourceId (decimal strings); ids that are not 64-bit integers are simply not found. */
  async byIds(ids: readonly string[]): Promise<Map<string, DiaSource>> {
    const valid = ids.map(parseObjectId).filter((v): v is bigint => v !== null);
    if (valid.length === 0) return new Map();
    return new Map((await this.rows.findByIds(valid)).map((r) => [r.id.toString(), toDiaSource(r)]));
  }

  /** An object's detections in time order, cursor paged. */
  async sources(
    diaObjectId: string,
    args: PageArgs,
    filterName?: string | null,
  ): Promise<ConnectionShape<DiaSource>> {
    const { first, page } = pageOf(diaObjectId, args, filterName);
    const [rows, total] = await Promise.all([
      this.rows.sourcePage(page),
      this.rows.countSources(page.diaObjectId, page.filterName),
    ]);
    return toConnection(rows, first, total, toDiaSource, keyOf);
  }

  /** An object's forced photometry in time order, cursor paged. */
  async forced(
    diaObjectId: string,
    args: PageArgs,
    filterName?: string | null,
  ): Promise<ConnectionShape<DiaForcedSource>> {
    const { first, page } = pageOf(diaObjectId, args, filterName);
    const [rows, total] = await Promise.all([
      this.rows.forcedPage(page),
      this.rows.countForced(page.diaObjectId, page.filterName),
    ]);
    return toConnection(rows, first, total, toDiaForcedSource, keyOf);
  }

  async sourcesBefore(diaObjectId: string, mjd: number): Promise<DiaSource[]> {
    return (await this.rows.sourcesBefore(BigInt(diaObjectId), mjd)).map(toDiaSource);
  }

  async forcedBefore(diaObjectId: string, mjd: number): Promise<DiaForcedSource[]> {
    return (await this.rows.forcedBefore(BigInt(diaObjectId), mjd)).map(toDiaForcedSource);
  }
}
