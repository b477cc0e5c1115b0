import { BadUserInputError } from '@opshub/errors';
import { BANDS } from '../ingest/alert-record.js';
import type { LightCurveRepository } from './light-curve.repository.js';
import type { LightCurve, LightCurveArgs } from './light-curve.type.js';

export class LightCurveService {
  constructor(private readonly curves: LightCurveRepository) {}

  /** The light curve of an object (its id already checked), rows and columns from one query. */
  async of(diaObjectId: string, args: LightCurveArgs): Promise<LightCurve> {
    const bands = args.filterNames ?? null;
    for (const b of bands ?? []) {
      if (!(BANDS as readonly string[]).includes(b))
        throw new BadUserInputError(`filterNames: ${b} is not one of ${BANDS.join(' ')}`, {
          argument: 'filterNames',
        });
    }
    if (args.sinceMjd != null && !Number.isFinite(args.sinceMjd))
      throw new BadUserInputError('sinceMjd must be a finite MJD', { argument: 'sinceMjd' });
    const rows = await this.curves.points({
      diaObjectId: BigInt(diaObjectId),
      bands,
      sinceMjd: args.sinceMjd ?? null,
      detections: args.detections ?? true,
      forced: args.forcedPhotometry ?? true,
    });
    return {
      points: rows.map(([sourceId, mjd, filterName, psFlux, psFluxErr, forced]) => ({
        sourceId,
        mjd,
        filterName,
        psFlux,
        psFluxErr,
        forced,
      })),
      columns: {
        sourceId: rows.map((r) => r[0]),
        mjd: rows.map((r) => r[1]),
        filterName: rows.map((r) => r[2]),
        psFlux: rows.map((r) => r[3]),
        psFluxErr: rows.map((r) => r[4]),
        forced: rows.map((r) => r[5]),
      },
    };
  }
}
