import path from 'node:path';
import { FitsError } from '../fits.error.js';
import { readFits } from '../fits.reader.js';
import type { BinTableHdu, Column } from '../hdu.js';

/** A camera's pixels as ctapipe's CameraGeometry table stores them. */
export interface CameraGeometry {
  /** CAM_ID, e.g. `NectarCam-003`. */
  cameraId: string;
  /** PIX_TYPE, e.g. `hexagonal`. */
  pixelShape: string;
  /** PIX_ROT in degrees (NectarCAM: −19.1066). */
  pixelRotationDeg: number;
  /** CAM_ROT in degrees. */
  cameraRotationDeg: number;
  pixelCount: number;
  pixelId: Int32Array;
  /** Pixel centres, metres. */
  x: Float64Array;
  y: Float64Array;
  /** Pixel areas, square metres. */
  area: Float64Array;
}

/** The real NectarCAM geometry (ctapipe's `NectarCam-003.camgeom.fits.gz`), shipped in this package. */
export const NECTARCAM_GEOMETRY_FILE = path.resolve(
  import.meta.dirname,
  '../../data/NectarCam-003.camgeom.fits.gz',
);

const UNITS: Record<string, string> = { pix_x: 'm', pix_y: 'm', pix_area: 'm2' };

/** The geometry table of a ctapipe `*.camgeom.fits(.gz)` file (e.g. the shipped NectarCam-003). */
export function readCameraGeometry(input: Uint8Array): CameraGeometry {
  const table = readFits(input).find(
    (h): h is BinTableHdu => h.kind === 'bintable' && h.columns.some((c) => c.name === 'pix_id'),
  );
  if (!table) throw new FitsError('NOT_A_GEOMETRY_FILE', 'no BinTable with a pix_id column');
  const where = { hdu: table.index };
  const header = table.header;
  const rotation = header.number('PIX_ROT');
  if (rotation === undefined) throw new FitsError('NOT_A_GEOMETRY_FILE', 'PIX_ROT is missing', where);
  const pixelId = ids(column(table, 'pix_id'), table.index);
  return {
    cameraId: header.string('CAM_ID') ?? '',
    pixelShape: header.string('PIX_TYPE') ?? '',
    pixelRotationDeg: rotation,
    cameraRotationDeg: header.number('CAM_ROT') ?? 0,
    pixelCount: table.rows,
    pixelId,
    x: floats(column(table, 'pix_x'), table.index),
    y: floats(column(table, 'pix_y'), table.index),
    area: floats(column(table, 'pix_area'), table.index),
  };
}

function column(table: BinTableHdu, name: string): Column {
  const c = table.columns.find((col) => col.name === name);
  if (!c || c.repeat !== 1) {
    throw new FitsError('NOT_A_GEOMETRY_FILE', `column ${name} (one value per pixel) is missing`, {
      hdu: table.index,
    });
  }
  const unit = UNITS[name];
  if (unit !== undefined && c.unit !== unit) {
    throw new FitsError('NOT_A_GEOMETRY_FILE', `column ${name} is in ${c.unit ?? 'no unit'}, not ${unit}`, {
      hdu: table.index,
    });
  }
  return c;
}

function floats(c: Column, hdu: number): Float64Array {
  if (c.data instanceof Float64Array) return c.data;
  if (c.data instanceof Float32Array) return Float64Array.from(c.data);
  throw new FitsError('NOT_A_GEOMETRY_FILE', `column ${c.name} (${c.tform}) is not floating point`, { hdu });
}

function ids(c: Column, hdu: number): Int32Array {
  const data = c.data;
  if (Array.isArray(data) || data instanceof Float32Array || data instanceof Float64Array) {
    throw new FitsError('NOT_A_GEOMETRY_FILE', `column pix_id (${c.tform}) is not an integer column`, {
      hdu,
    });
  }
  const out = new Int32Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const v = Number(data[i]);
    if (v < 0 || v > 0x7fffffff)
      throw new FitsError('NOT_A_GEOMETRY_FILE', `pix_id[${i}] = ${v} is out of range`, { hdu });
    out[i] = v;
  }
  return out;
}
