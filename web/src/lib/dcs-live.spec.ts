import { describe, expect, it } from 'vitest';
import { withReadings, withState } from './dcs-live';

const devices = [
  {
    id: 'julabo',
    state: 'OFF',
    lastSeenAt: '2026-12-01T10:00:00.000Z',
    latest: [{ metric: 'temperature', value: 20, at: '2026-12-01T10:00:00.000Z' }],
  },
  { id: 'ESP01', state: 'ON', lastSeenAt: null, latest: [] },
];

describe('withReadings', () => {
  it('applies a whole batch, several devices and metrics at once', () => {
    const next = withReadings(devices, [
      { deviceId: 'julabo', metric: 'temperature', value: 21, at: '2026-12-01T10:00:01.000Z' },
      { deviceId: 'julabo', metric: 'setpoint', value: 30, at: '2026-12-01T10:00:01.000Z' },
      { deviceId: 'ESP01', metric: 'BME/dew', value: 4, at: '2026-12-01T10:00:02.000Z' },
    ]);
    expect(next[0]!.latest).toEqual([
      { metric: 'temperature', value: 21, at: '2026-12-01T10:00:01.000Z' },
      { metric: 'setpoint', value: 30, at: '2026-12-01T10:00:01.000Z' },
    ]);
    expect(next[0]!.lastSeenAt).toBe('2026-12-01T10:00:01.000Z');
    expect(next[1]!.latest).toHaveLength(1);
    expect(next[1]!.lastSeenAt).toBe('2026-12-01T10:00:02.000Z');
  });

  it('keeps a newer value than a late reading, and leaves devices without readings as they are', () => {
    const next = withReadings(devices, [
      { deviceId: 'julabo', metric: 'temperature', value: 5, at: '2026-12-01T09:59:00.000Z' },
    ]);
    expect(next[0]!.latest[0]!.value).toBe(20);
    expect(next[1]).toBe(devices[1]);
  });
});

describe('withState', () => {
  it('merges the event into its device only', () => {
    const next = withState(devices, { id: 'julabo', state: 'ON' });
    expect(next[0]).toMatchObject({ id: 'julabo', state: 'ON', latest: devices[0]!.latest });
    expect(next[1]).toBe(devices[1]);
  });
});
