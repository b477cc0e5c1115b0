import { NotFoundError } from '@opshub/errors';
import type { ObjectPhotometry, PhotometryQuery, PhotometryRepository } from './photometry.repository.js';
import type { TomRepository, TomRow, TomTable } from './tom.repository.js';

/** The TOM's page size for the `elasticc/` lists. */
export const PAGE_SIZE = 100;
/** The SNANA zero point of ELAsTiCC fluxes, which `ltcv` reports as `zp`. */
export const ZERO_POINT = 27.5;

export interface Page {
  rows: TomRow[];
  count: bigint;
  /** Cursors for the `next` / `previous` links; null at either end. */
  after: bigint | null;
  before: bigint | null;
}

const KEY: Record<TomTable, string> = {
  diaobject: 'diaObjectId',
  diasource: 'diaSourceId',
  diatruth: 'diaSourceId',
  diaalert: 'alertId',
};

export class TomService {
  constructor(
    private readonly rows: TomRepository,
    private readonly photometry: PhotometryRepository,
  ) {}

  /** One page of a list: keyset on the id (after / before a cursor), or by offset for `?page=`. */
  async page(table: TomTable, q: { after?: bigint; before?: bigint; offset?: number }): Promise<Page> {
    const limit = PAGE_SIZE + 1;
    const [fetched, count] = await Promise.all([
      this.rows.page(table, { ...q, limit }),
      this.rows.count(table),
    ]);
    const more = fetched.length > PAGE_SIZE;
    // Going back, the extra row is the earliest; going forward, the latest.
    const rows = q.before !== undefined && more ? fetched.slice(1) : fetched.slice(0, PAGE_SIZE);
    const id = (row: TomRow | undefined) => (row ? (row[KEY[table]] as bigint) : null);
    const first = id(rows[0]);
    const last = id(rows.at(-1));
    const hasNext = q.before !== undefined ? last !== null : more;
    const hasPrevious =
      q.before !== undefined ? more : first !== null && (q.after !== undefined || (q.offset ?? 0) > 0);
    const before = hasPrevious && first !== null && (await this.rows.anyBefore(table, first)) ? first : null;
    const rowsOut = table === 'diaalert' ? await Promise.all(rows.map((r) => this.alertOf(r))) : rows;
    return { rows: rowsOut, count, after: hasNext ? last : null, before };
  }

  async detail(table: TomTable, id: bigint): Promise<TomRow> {
    const row = await this.rows.byId(table, id);
    if (!row) throw new NotFoundError(table, id.toString());
    return table === 'diaalert' ? this.alertOf(row) : row;
  }

  /** `getalert`: the alert by its id or by its triggering source's id, as its Avro record. */
  async alert(by: { alertId: bigint } | { sourceId: bigint }): Promise<TomRow> {
    const row =
      'alertId' in by
        ? await this.rows.byId('diaalert', by.alertId)
        : await this.rows.alertOfSource(by.sourceId);
    if (!row)
      throw new NotFoundError(
        'alertId' in by ? 'alert' : 'alert of source',
        ('alertId' in by ? by.alertId : by.sourceId).toString(),
      );
    return this.alertOf(row);
  }

  /**
   * An alert as the `elasticc.v0_9_1.alert` record: its source, the object, the object's earlier
   * detections and its forced photometry from 30 days before the first detection (the TOM's
   * `reconstruct`; the TOM's `elasticc/diaalert` left the previous ones empty).
   */
  private async alertOf(alert: TomRow): Promise<TomRow> {
    const objectId = alert['diaObjectId'] as bigint;
    const [source, object] = await Promise.all([
      this.rows.byId('diasource', alert['diaSourceId'] as bigint),
      this.rows.byId('diaobject', objectId),
    ]);
    const mjd = (source?.['midPointTai'] as number | undefined) ?? Number.POSITIVE_INFINITY;
    const [prvDiaSources, prvDiaForcedSources] = source
      ? await Promise.all([this.rows.sourcesBefore(objectId, mjd), this.rows.forcedBefore(objectId, mjd)])
      : [[], []];
    const sent = alert['alertSentTimestamp'];
    return {
      alertId: alert['alertId'],
      alertSentTimestamp: sent instanceof Date ? BigInt(sent.getTime()) : null,
      diaSource: source ?? null,
      prvDiaSources,
      prvDiaForcedSources,
      prvDiaNondetectionLimits: [],
      diaObject: object ?? null,
      cutoutDifference: null,
      cutoutTemplate: null,
    };
  }

  lightCurves(ids: bigint[], q: PhotometryQuery): Promise<ObjectPhotometry[]> {
    return this.photometry.ofObjects(ids, q);
  }

  hotTransients(since: number, gentypes: number[] | null, q: PhotometryQuery): Promise<ObjectPhotometry[]> {
    return this.photometry.detectedSince(since, gentypes, q);
  }
}
