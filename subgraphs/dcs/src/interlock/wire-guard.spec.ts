import { describe, expect, it } from 'vitest';
import { DEFAULT_INTERLOCK_SETTINGS } from './interlock.rules.js';
import type { StandSnapshot } from './stand-snapshot.js';
import { wireGuard } from './wire-guard.js';

const stand = (over: Partial<StandSnapshot> = {}): StandSnapshot => ({
  chillers: [{ id: 'julabo', state: 'ON', bathTemperature: 15 }],
  modules: [
    { module: 'module-1', state: 'LV_ON', lvChannel: 0, hvChannel: 0, temperature: 16 },
    { module: 'module-2', state: 'LV_ON', lvChannel: 1, hvChannel: 1, temperature: 16 },
  ],
  system: 'LV_ON',
  dewPoint: 5,
  ...over,
});
const guard = (s: StandSnapshot, topic: string, payload: string) =>
  wireGuard(s, DEFAULT_INTERLOCK_SETTINGS, { caen: { topic, payload } });

describe('the last check before the wire', () => {
  it('lets HV on through when the FSM and every interlock allow it', () => {
    expect(guard(stand(), 'dcs/cmd/switch/hv', 'on')).toBeNull();
  });

  it('refuses HV on once an interlock has tripped, naming it', () => {
    const humid = stand({ dewPoint: 15 });
    expect(guard(humid, 'dcs/cmd/switch/hv', 'on')).toMatchObject({
      code: 'INTERLOCKED',
      interlocks: ['dew-point'],
    });
    const warm = stand({ chillers: [{ id: 'julabo', state: 'OFF', bathTemperature: 30 }] });
    expect(guard(warm, 'dcs/cmd/switch/hv', 'on')?.interlocks).toEqual(['chiller-on', 'bath-temperature']);
  });

  it('refuses HV on from a state the FSM does not allow, never HV off', () => {
    expect(guard(stand({ system: 'LV_OFF' }), 'dcs/cmd/switch/hv', 'on')).toMatchObject({
      code: 'INVALID_TRANSITION',
    });
    expect(guard(stand({ system: 'HV_ON', dewPoint: 40 }), 'dcs/cmd/switch/hv', 'off')).toBeNull();
  });

  it('refuses LV off under HV', () => {
    expect(guard(stand({ system: 'HV_ON' }), 'dcs/cmd/switch/lv', 'off')?.code).toBe('INVALID_TRANSITION');
  });

  it('checks the interlocks for a new HV set voltage only on a live channel', () => {
    const live = stand({
      system: 'HV_MIX',
      dewPoint: 15,
      modules: [
        { module: 'module-1', state: 'HV_ON', lvChannel: 0, hvChannel: 0, temperature: 16 },
        { module: 'module-2', state: 'LV_ON', lvChannel: 1, hvChannel: 1, temperature: 16 },
      ],
    });
    expect(guard(live, 'dcs/cmd/setv/hv/0', '150')?.code).toBe('INTERLOCKED');
    expect(guard(live, 'dcs/cmd/setv/hv/1', '150')).toBeNull();
    expect(guard(live, 'dcs/cmd/setv/lv/0', '8')).toBeNull();
  });

  it('checks the chiller FSM for start and stop', () => {
    const chiller = (kind: 'start' | 'stop') =>
      wireGuard(stand(), DEFAULT_INTERLOCK_SETTINGS, { chiller: { deviceId: 'julabo', action: { kind } } });
    expect(chiller('start')).toMatchObject({ code: 'INVALID_TRANSITION' });
    expect(chiller('stop')).toBeNull();
  });
});
