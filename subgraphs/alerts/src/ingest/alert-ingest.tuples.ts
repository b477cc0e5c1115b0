import type { AlertRow, DetectionStats } from './alert-ingest.repository.js';
import type { ForcedSourceRow, ObjectRow, SourceRow } from './alert-record.js';
import { CopyBinaryWriter, type CopyData, type FloatColumn } from './copy-binary.js';

/** The columns ingest writes and the binary COPY tuples of its rows (types as the migration makes them). */
export const SOURCE_COLUMNS = [
  'dia_source_id',
  'dia_object_id',
  'mid_point_tai',
  'filter_name',
  'ra',
  'decl',
  'ps_flux',
  'ps_flux_err',
  'snr',
];
export const FORCED_COLUMNS = [
  'dia_forced_source_id',
  'dia_object_id',
  'mid_point_tai',
  'filter_name',
  'ps_flux',
  'ps_flux_err',
];

export const ALERT_COLUMNS = ['alert_id', 'dia_source_id', 'dia_object_id'];
export const STATS_COLUMNS = ['n_detections', 'first_detection_mjd', 'last_detection_mjd'];

/** The rows as binary COPY tuples, in the order of their columns above (types as the migration makes them). */
export function sourceTuples(rows: readonly SourceRow[]): CopyData {
  const w = new CopyBinaryWriter();
  for (const r of rows) {
    w.tuple(9);
    w.int8(r.id);
    w.int8(r.diaObjectId);
    w.float8(r.midPointTai);
    w.text(r.filterName);
    w.float8(r.ra);
    w.float8(r.decl);
    w.float4(r.psFlux);
    w.float4(r.psFluxErr);
    w.float4(r.snr);
  }
  return w.end();
}

export function forcedTuples(rows: readonly ForcedSourceRow[]): CopyData {
  const w = new CopyBinaryWriter();
  for (const r of rows) {
    w.tuple(6);
    w.int8(r.id);
    w.int8(r.diaObjectId);
    w.float8(r.midPointTai);
    w.text(r.filterName);
    w.float4(r.psFlux);
    w.float4(r.psFluxErr);
  }
  return w.end();
}

export function alertTuples(rows: readonly AlertRow[]): CopyData {
  const w = new CopyBinaryWriter();
  for (const r of rows) {
    w.tuple(3);
    w.int8(r.alertId);
    w.int8(r.diaSourceId);
    w.int8(r.diaObjectId);
  }
  return w.end();
}

/** Objects as binary COPY data, with the columns it gives. */
export interface ObjectCopyData extends CopyData {
  columns: readonly string[];
}

/**
 * The objects as binary COPY tuples: `objectColumns` (id, sim_version, ra, decl, zone, then the optional floats
 * of `floatTypes`: real, or double precision for mwebv) but the floats no object of them has (left to their
 * default, null: a survey fills only some); with `stats`, each object's detection figures too (none: 0, nulls).
 */
export function objectTuples(
  rows: readonly ObjectRow[],
  objectColumns: readonly string[],
  floatTypes: readonly FloatColumn[],
  stats?: ReadonlyMap<bigint, DetectionStats>,
): ObjectCopyData {
  const given: number[] = [];
  for (let i = 0; i < floatTypes.length; i++) if (rows.some((r) => r.floats[i] !== null)) given.push(i);
  const columns = [...objectColumns.slice(0, 5), ...given.map((i) => objectColumns[5 + i]!)];
  if (stats) columns.push(...STATS_COLUMNS);
  const w = new CopyBinaryWriter();
  for (const r of rows) {
    w.tuple(columns.length);
    w.int8(r.id);
    w.text(r.simVersion);
    w.float8(r.ra);
    w.float8(r.decl);
    w.int4(r.zone);
    for (const i of given)
      if (floatTypes[i] === 'float8') w.float8(r.floats[i]!);
      else w.float4(r.floats[i]!);
    if (stats) {
      const st = stats.get(r.id);
      w.int4(st?.n ?? 0);
      w.float8(st?.first ?? null);
      w.float8(st?.last ?? null);
    }
  }
  return { ...w.end(), columns };
}
