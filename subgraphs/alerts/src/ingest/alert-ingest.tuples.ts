import type { AlertRow, DetectionStats } from './alert-ingest.repository.js';
import type { ForcedSourceRow, ObjectRow, SourceRow } from './alert-record.js';
import { CopyBinaryWriter, type BinaryColumn, type CopyData } from './copy-binary.js';

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

/**
 * The objects as binary COPY tuples; with `stats`, each object's detection figures too (none yet: 0 and
 * nulls). `floatTypes`: the stored types of the optional floats (real, or double precision for mwebv).
 */
export function objectTuples(
  rows: readonly ObjectRow[],
  objectColumns: number,
  floatTypes: readonly BinaryColumn[],
  stats?: ReadonlyMap<bigint, DetectionStats>,
): CopyData {
  const w = new CopyBinaryWriter();
  const fields = objectColumns + (stats ? STATS_COLUMNS.length : 0);
  for (const r of rows) {
    w.tuple(fields);
    w.int8(r.id);
    w.text(r.simVersion);
    w.float8(r.ra);
    w.float8(r.decl);
    w.int4(r.zone);
    for (let i = 0; i < r.floats.length; i++)
      if (floatTypes[i] === 'float8') w.float8(r.floats[i]!);
      else w.float4(r.floats[i]!);
    if (stats) {
      const st = stats.get(r.id);
      w.int4(st?.n ?? 0);
      w.float8(st?.first ?? null);
      w.float8(st?.last ?? null);
    }
  }
  return w.end();
}
