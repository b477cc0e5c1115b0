import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { binTable, card, concat, emptyPrimary, str } from '../../test/independent-fits.js';
import { FitsError } from '../fits.error.js';
import { NECTARCAM_GEOMETRY_FILE, readCameraGeometry } from './camera-geometry.reader.js';

// The real ctapipe file shipped with the project: a file this reader did not write.
const FILE = NECTARCAM_GEOMETRY_FILE;

describe('readCameraGeometry on the real NectarCam-003 file', () => {
  const bytes = readFileSync(FILE);
  const geometry = readCameraGeometry(bytes);

  it('reads the header values: camera id, hexagonal pixels rotated -19.1066°', () => {
    expect(geometry).toMatchObject({
      cameraId: 'NectarCam-003',
      pixelShape: 'hexagonal',
      pixelRotationDeg: -19.1066,
      cameraRotationDeg: 0,
      pixelCount: 1855,
    });
  });

  it('has 1855 = 265 × 7 pixels with ids 0..1854 in order', () => {
    expect(geometry.pixelId).toHaveLength(265 * 7);
    expect([...geometry.pixelId]).toEqual(Array.from({ length: 1855 }, (_, i) => i));
  });

  it('places every pixel in metres inside the camera, with one pixel area', () => {
    const radii = Array.from(geometry.x, (x, i) => Math.hypot(x, geometry.y[i]));
    expect(Math.max(...radii)).toBeGreaterThan(1.0);
    expect(Math.max(...radii)).toBeLessThan(1.2);
    const area = geometry.area[0];
    expect(area).toBeCloseTo(0.002165, 6);
    expect(geometry.area.every((a) => a === area)).toBe(true);
    // Hexagons of that area have 50 mm between neighbours' centres.
    const [x0, y0] = [geometry.x[0], geometry.y[0]];
    const nearest = Math.min(
      ...Array.from(geometry.x, (x, i) => (i === 0 ? Infinity : Math.hypot(x - x0, geometry.y[i] - y0))),
    );
    expect(nearest).toBeCloseTo(Math.sqrt((2 * area) / Math.sqrt(3)), 3);
  });

  it('matches the raw big-endian bytes of the file, decoded by hand', () => {
    // Header: 1 primary block + 1 table block; rows are K D D D = 32 bytes.
    const raw = gunzipSync(bytes);
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    for (const row of [0, 1, 927, 1854]) {
      const at = 2 * 2880 + row * 32;
      expect(geometry.pixelId[row]).toBe(Number(view.getBigInt64(at, false)));
      expect(geometry.x[row]).toBe(view.getFloat64(at + 8, false));
      expect(geometry.y[row]).toBe(view.getFloat64(at + 16, false));
      expect(geometry.area[row]).toBe(view.getFloat64(at + 24, false));
    }
  });

  it('refuses a table without the geometry columns or in other units', () => {
    const noIds = concat([
      emptyPrimary(),
      binTable('X', [{ name: 'pix_x', tform: 'D', unit: 'm', rows: [1] }]),
    ]);
    expect(() => readCameraGeometry(noIds)).toThrow(/NOT_A_GEOMETRY_FILE/);
    const cm = concat([
      emptyPrimary(),
      binTable(
        'X',
        [
          { name: 'pix_id', tform: 'K', rows: [0n] },
          { name: 'pix_x', tform: 'D', unit: 'cm', rows: [1] },
          { name: 'pix_y', tform: 'D', unit: 'm', rows: [1] },
          { name: 'pix_area', tform: 'D', unit: 'm2', rows: [1] },
        ],
        { extra: [card('PIX_ROT', '0.0'), card('CAM_ID', str('X'))] },
      ),
    ]);
    expect(() => readCameraGeometry(cm)).toThrow(FitsError);
    expect(() => readCameraGeometry(cm)).toThrow(/pix_x is in cm, not m/);
  });
});
