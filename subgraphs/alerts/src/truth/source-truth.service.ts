import { classOfGentype } from '../classification/taxonomy.js';
import type { SourceTruthRepository } from './source-truth.repository.js';
import type { SourceTruth } from './source-truth.type.js';

/** Detections' truth, its gentype read through the taxonomy; one query per batch of sources. */
export class SourceTruthService {
  constructor(private readonly truth: SourceTruthRepository) {}

  /** The truth of each of these diaSourceIds (decimal strings) that has one; the others are absent. */
  async bySourceIds(ids: readonly string[]): Promise<Map<string, SourceTruth>> {
    const wanted = [...new Set(ids)].filter((id) => /^\d{1,19}$/.test(id)).map(BigInt);
    const rows = wanted.length ? await this.truth.ofSources(wanted) : [];
    return new Map(
      rows.map((row) => {
        const cls = classOfGentype(row.gentype);
        return [
          row.diaSourceId.toString(),
          {
            gentype: row.gentype,
            classId: cls?.classId ?? null,
            className: cls?.name ?? null,
            mjd: row.mjd,
            detect: row.detect,
            genmag: row.genmag,
          },
        ];
      }),
    );
  }
}
