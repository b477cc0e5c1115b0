import { describe, expect, it } from 'vitest';
import {
  badPixelKey,
  eventKinds,
  gainFor,
  pixelKeys,
  waveformImageKey,
  type QuantityInfo,
} from './dqm-quantities';

const q = (
  key: string,
  gain: string | null,
  shape: number[],
  extra: Partial<QuantityInfo> = {},
): QuantityInfo => ({
  key,
  label: key,
  gain,
  field: null,
  unit: null,
  dtype: 'f64',
  shape,
  ...extra,
});

const infos = [
  q('CAMERA-AVERAGE-PHY-OVEREVENTS-OVERSAMP', 'LOW', [1855]),
  q('CAMERA-AVERAGE-PHY-OVEREVENTS-OVERSAMP', 'HIGH', [1855]),
  q('PINGPONG-CHANGES', null, [1855], { dtype: 'i64' }),
  q('CAMERA-TEMPERATURE-AVERAGE-FEB', null, [265], { dtype: 'f32' }),
  q('WF-PHY', 'HIGH', [1855, 60]),
  q('WF-PED', 'HIGH', [1855, 60]),
  q('TRIGGER-STATISTICS', null, [1], { field: 'All', dtype: 'i64' }),
];

describe('run quantities', () => {
  it('offers the per-pixel quantities for the camera, each with its gains', () => {
    expect(pixelKeys(infos, 1855)).toEqual([
      {
        key: 'CAMERA-AVERAGE-PHY-OVEREVENTS-OVERSAMP',
        label: 'CAMERA-AVERAGE-PHY-OVEREVENTS-OVERSAMP',
        gains: ['HIGH', 'LOW'],
      },
      { key: 'PINGPONG-CHANGES', label: 'PINGPONG-CHANGES', gains: [] },
    ]);
  });

  it('keeps the chosen gain when the quantity has it', () => {
    expect(gainFor(infos, 'CAMERA-AVERAGE-PHY-OVEREVENTS-OVERSAMP', 'LOW')).toBe('LOW');
    expect(gainFor(infos, 'WF-PHY', 'LOW')).toBe('HIGH');
    expect(gainFor(infos, 'PINGPONG-CHANGES', 'HIGH')).toBeNull();
  });

  it('names the keys of physics and pedestal events', () => {
    expect(eventKinds(infos)).toEqual(['PHY', 'PED']);
    expect(eventKinds(infos.filter((i) => i.key !== 'WF-PHY'))).toEqual(['PED']);
    expect(waveformImageKey('PED')).toBe('WF-PED');
    expect(badPixelKey('PHY')).toBe('CAMERA-BADPIX-PHY-OVEREVENTS');
  });
});
