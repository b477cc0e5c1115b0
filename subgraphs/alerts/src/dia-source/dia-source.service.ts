import { parseObjectId } from '../dia-object/dia-object.service.js';
import type { DiaSourceRepository, ForcedRow, SourceRow } from './dia-source.repository.js';
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

export class DiaSourceService {
  constructor(private readonly sources: DiaSourceRepository) {}

  /** By diaSourceId (decimal strings); ids that are not 64-bit integers are simply not found. */
  async byIds(ids: readonly string[]): Promise<Map<string, DiaSource>> {
    const valid = ids.map(parseObjectId).filter((v): v is bigint => v !== null);
    if (valid.length === 0) return new Map();
    return new Map((await this.sources.findByIds(valid)).map((r) => [r.id.toString(), toDiaSource(r)]));
  }

  async sourcesBefore(diaObjectId: string, mjd: number): Promise<DiaSource[]> {
    return (await this.sources.sourcesBefore(BigInt(diaObjectId), mjd)).map(toDiaSource);
  }

  async forcedBefore(diaObjectId: string, mjd: number): Promise<DiaForcedSource[]> {
    return (await this.sources.forcedBefore(BigInt(diaObjectId), mjd)).map(toDiaForcedSource);
  }
}
