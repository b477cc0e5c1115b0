import { BadUserInputError } from '@opshub/errors';
import { pageArgs, toConnection, type ConnectionShape, type PageArgs } from '@opshub/subgraph-kit';
import type { DiaObjectFilter, DiaObjectInput, MjdRange } from './dia-object.input.js';
import type {
  ClassificationWhere,
  DiaObjectRepository,
  DiaObjectWhere,
  Range,
  DiaObjectWrite,
} from './dia-object.repository.js';
import { toDiaObject } from './dia-object.mapper.js';
import type { ConeSearchHit, DiaObject } from './dia-object.type.js';
import { coneBoxes, MAX_RADIUS_ARCSEC, zoneOf } from './sky-zones.js';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
/** Rows per INSERT statement: the batch size measured fastest for unnest inserts here. */
const UPSERT_BATCH = 5000;
const CONE_DEFAULT = 100;
const CONE_MAX = 1000;

/** A diaObjectId from a string, or null when it is not a 64-bit integer. */
export function parseObjectId(id: string): bigint | null {
  if (!/^-?\d{1,19}$/.test(id)) return null;
  const value = BigInt(id);
  return value >= INT64_MIN && value <= INT64_MAX ? value : null;
}

function requireObjectId(id: string | bigint, field: string): bigint {
  const value = typeof id === 'bigint' ? id : parseObjectId(id);
  if (value === null || value < INT64_MIN || value > INT64_MAX) {
    throw new BadUserInputError(`${field} must be a 64-bit integer diaObjectId`, {
      field,
      value: String(id),
    });
  }
  return value;
}

function requireIn(
  value: number | null | undefined,
  lo: number,
  hi: number,
  field: string,
  hiOpen = false,
): void {
  if (value == null) return;
  if (!Number.isFinite(value) || value < lo || (hiOpen ? value >= hi : value > hi)) {
    throw new BadUserInputError(`${field} must be in [${lo}, ${hi}${hiOpen ? ')' : ']'}`, { field, value });
  }
}

function mjdRange<K extends 'firstDetectionMjd' | 'lastDetectionMjd'>(
  key: K,
  range: MjdRange | null | undefined,
): Partial<Record<K, Range>> {
  if (!range || (range.from == null && range.to == null)) return {};
  requireIn(range.from, -1e6, 1e6, `filter.${key}.from`);
  requireIn(range.to, -1e6, 1e6, `filter.${key}.to`);
  return {
    [key]: {
      ...(range.from != null ? { lo: range.from } : {}),
      ...(range.to != null ? { hi: range.to } : {}),
    },
  } as Partial<Record<K, Range>>;
}

/** The classification part of a filter (object_classification), checked; none when not asked. */
function classificationWhere(filter: DiaObjectFilter): { classification?: ClassificationWhere } {
  const { classifierId, classId, minProbability } = filter;
  if (classifierId == null && classId == null && minProbability == null) return {};
  if (minProbability != null && !(minProbability >= 0 && minProbability <= 1))
    throw new BadUserInputError('filter.minProbability must be in [0, 1]', { argument: 'filter' });
  if (classId != null && !(Number.isInteger(classId) && classId >= 0 && classId <= 32_767))
    throw new BadUserInputError('filter.classId must be a taxonomy class id', { argument: 'filter' });
  return {
    classification: {
      ...(classifierId != null ? { classifierId: requireObjectId(classifierId, 'filter.classifierId') } : {}),
      ...(classId != null ? { classId } : {}),
      ...(minProbability != null ? { minProbability } : {}),
    },
  };
}

export class DiaObjectService {
  constructor(private readonly objects: DiaObjectRepository) {}

  async byId(id: string): Promise<DiaObject | null> {
    const row = await this.objects.findById(requireObjectId(id, 'id'));
    return row ? toDiaObject(row) : null;
  }

  /** For entity references: ids that are not diaObjectIds are simply not found. */
  async byIds(ids: readonly string[]): Promise<Map<string, DiaObject>> {
    const valid = ids.map(parseObjectId).filter((v): v is bigint => v !== null);
    if (valid.length === 0) return new Map();
    return new Map((await this.objects.findByIds(valid)).map((r) => [r.id.toString(), toDiaObject(r)]));
  }

  async page(args: PageArgs, filter: DiaObjectFilter = {}): Promise<ConnectionShape<DiaObject>> {
    const { first, after } = pageArgs(args);
    requireIn(filter.raMin, 0, 360, 'filter.raMin');
    requireIn(filter.raMax, 0, 360, 'filter.raMax');
    requireIn(filter.declMin, -90, 90, 'filter.declMin');
    requireIn(filter.declMax, -90, 90, 'filter.declMax');
    const where: DiaObjectWhere = {
      ...(filter.isddf != null ? { isddf: filter.isddf } : {}),
      ...(filter.raMin != null || filter.raMax != null
        ? {
            ra: {
              ...(filter.raMin != null ? { lo: filter.raMin } : {}),
              ...(filter.raMax != null ? { hi: filter.raMax } : {}),
            },
          }
        : {}),
      ...(filter.declMin != null || filter.declMax != null
        ? {
            decl: {
              ...(filter.declMin != null ? { lo: filter.declMin } : {}),
              ...(filter.declMax != null ? { hi: filter.declMax } : {}),
            },
          }
        : {}),
      ...(filter.minDetections != null || filter.maxDetections != null
        ? {
            nDetections: {
              ...(filter.minDetections != null ? { lo: filter.minDetections } : {}),
              ...(filter.maxDetections != null ? { hi: filter.maxDetections } : {}),
            },
          }
        : {}),
      ...mjdRange('firstDetectionMjd', filter.firstDetectionMjd),
      ...mjdRange('lastDetectionMjd', filter.lastDetectionMjd),
      ...classificationWhere(filter),
    };
    const afterId = after ? requireObjectId(String(after[0]), 'after') : undefined;
    const [rows, total] = await Promise.all([
      this.objects.page(where, first + 1, afterId),
      this.objects.count(where),
    ]);
    return toConnection(rows, first, total, toDiaObject, (r) => [r.id.toString()]);
  }

  /** Objects within `radiusArcsec` of (ra, dec), nearest first (zones method, see sky-zones.ts). */
  async coneSearch(
    ra: number,
    dec: number,
    radiusArcsec: number,
    first = CONE_DEFAULT,
  ): Promise<ConeSearchHit[]> {
    requireIn(ra, 0, 360, 'ra', true);
    requireIn(dec, -90, 90, 'dec');
    if (!Number.isFinite(radiusArcsec) || radiusArcsec <= 0 || radiusArcsec > MAX_RADIUS_ARCSEC) {
      throw new BadUserInputError(`radiusArcsec must be in (0, ${MAX_RADIUS_ARCSEC}]`, {
        field: 'radiusArcsec',
        value: radiusArcsec,
      });
    }
    if (!Number.isInteger(first) || first < 1 || first > CONE_MAX) {
      throw new BadUserInputError(`first must be between 1 and ${CONE_MAX}`, {
        field: 'first',
        value: first,
      });
    }
    const radiusDeg = radiusArcsec / 3600;
    const hits = await this.objects.coneObjects(ra, dec, radiusDeg, coneBoxes(ra, dec, radiusDeg), first);
    return hits.map((h) => ({ object: toDiaObject(h.row), separationArcsec: h.separationDeg * 3600 }));
  }

  /**
   * Inserts or updates objects in batches (the seed, alert ingest). Validates every object first,
   * so a bad one fails the call before anything is written; the last copy of a repeated id wins.
   * Returns how many distinct objects were written.
   */
  async upsertObjects(objects: readonly DiaObjectInput[]): Promise<number> {
    const byId = new Map<bigint, DiaObjectWrite>();
    objects.forEach((o, i) => {
      const id = requireObjectId(o.id, `objects[${i}].id`);
      requireIn(o.ra, 0, 360, `objects[${i}].ra`, true);
      requireIn(o.decl, -90, 90, `objects[${i}].decl`);
      if (o.mwebv != null && !Number.isFinite(o.mwebv)) {
        throw new BadUserInputError(`objects[${i}].mwebv must be a finite number`, {
          field: `objects[${i}].mwebv`,
        });
      }
      byId.set(id, {
        id,
        ra: o.ra,
        decl: o.decl,
        mwebv: o.mwebv ?? null,
        isddf: o.isddf ?? false,
        zone: zoneOf(o.decl),
      });
    });
    const rows = [...byId.values()];
    for (let i = 0; i < rows.length; i += UPSERT_BATCH)
      await this.objects.upsert(rows.slice(i, i + UPSERT_BATCH));
    return rows.length;
  }
}
