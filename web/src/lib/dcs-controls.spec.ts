import { describe, expect, it } from 'vitest';
import {
  chillerGates,
  interlockReason,
  moduleOf,
  moduleStates,
  setpointProblem,
  supplyGates,
  systemState,
  voltsProblem,
} from './dcs-controls';

const OP = ['OPERATOR'];
const chiller = (state: string, online = true) => ({ id: 'julabo', kind: 'CHILLER', state, online });
const chillerOff = [
  { id: 'chiller-on', ok: false, reason: 'chiller julabo is OFF, not ON' },
  { id: 'bath-temperature', ok: true, reason: null },
];

describe('chillerGates', () => {
  it('allows start from OFF and stop from ON only', () => {
    expect(chillerGates(chiller('OFF'), OP)).toMatchObject({
      setpoint: { enabled: true },
      start: { enabled: true },
      stop: { enabled: false, reason: 'Stop needs the chiller ON; it is OFF' },
    });
    expect(chillerGates(chiller('ON'), OP)).toMatchObject({
      start: { enabled: false },
      stop: { enabled: true },
    });
  });

  it('disables everything for a viewer, an offline chiller or one in ERROR', () => {
    expect(chillerGates(chiller('OFF'), ['VIEWER']).start).toEqual({
      enabled: false,
      reason: 'Needs the OPERATOR role',
    });
    expect(chillerGates(chiller('OFF', false), OP).setpoint.reason).toMatch(/offline/);
    expect(chillerGates(chiller('ERROR'), OP).stop.reason).toMatch(/ERROR/);
    expect(chillerGates(null, ['ADMIN']).start.enabled).toBe(false);
  });
});

describe('supplyGates', () => {
  it('says HV needs the chiller ON while the interlock fails', () => {
    const g = supplyGates('LV_ON', chillerOff, OP);
    expect(g.hvOn).toEqual({ enabled: false, reason: 'HV is interlocked: chiller julabo is OFF, not ON' });
    expect(g.lvOff.enabled).toBe(true);
    expect(g.lvOn.enabled).toBe(false);
  });

  it('allows HV on from LV_ON with every interlock ok, and never LV off under HV', () => {
    const ok = chillerOff.map((i) => ({ ...i, ok: true }));
    expect(supplyGates('LV_ON', ok, OP).hvOn.enabled).toBe(true);
    const on = supplyGates('HV_ON', ok, OP);
    expect(on.lvOff.reason).toMatch(/switch HV off first/);
    expect(on.hvOff.enabled).toBe(true);
    expect(supplyGates('LV_OFF', ok, OP).hvOn.reason).toMatch(/only from LV_ON/);
  });

  it('treats unknown interlocks as unsafe and refuses raising a live HV channel under a failing one', () => {
    expect(interlockReason(null)).toBe('Interlock state unknown');
    expect(supplyGates('LV_ON', null, OP).hvOn.enabled).toBe(false);
    expect(supplyGates('HV_ON', chillerOff, OP).setHv.enabled).toBe(false);
    expect(supplyGates('LV_ON', chillerOff, OP).setHv.enabled).toBe(true);
    expect(supplyGates('LV_ON', [], ['VIEWER']).lvOff.reason).toBe('Needs the OPERATOR role');
  });
});

describe('module and system states', () => {
  it('reads modules from channel ids and combines them like the server', () => {
    expect(moduleOf('module-2/hv')).toBe('module-2');
    expect(moduleOf('julabo')).toBeNull();
    const devices = [
      { id: 'module-1/lv', kind: 'POWER_SUPPLY_CHANNEL', state: 'LV_ON', online: true },
      { id: 'module-1/hv', kind: 'POWER_SUPPLY_CHANNEL', state: 'LV_ON', online: true },
      { id: 'module-2/lv', kind: 'POWER_SUPPLY_CHANNEL', state: 'LV_OFF', online: true },
    ];
    expect([...moduleStates(devices)]).toEqual([
      ['module-1', 'LV_ON'],
      ['module-2', 'LV_OFF'],
    ]);
    expect(systemState(['LV_ON', 'LV_ON'])).toBe('LV_ON');
    expect(systemState(['LV_ON', 'LV_OFF'])).toBe('LV_MIX');
    expect(systemState(['HV_ON', 'LV_ON'])).toBe('HV_MIX');
    expect(systemState(['HV_ON', 'HV_RAMP'])).toBe('HV_RAMP');
    expect(systemState(['HV_ON', 'ERROR'])).toBe('ERROR');
    expect(systemState([])).toBe('DISCONNECTED');
  });
});

describe('input checks', () => {
  it('takes setpoints from −50 to 50 °C and volts within the kind', () => {
    expect(setpointProblem('30')).toBeNull();
    expect(setpointProblem('-50')).toBeNull();
    expect(setpointProblem('51')).toMatch(/between/);
    expect(setpointProblem('abc')).toMatch(/number/);
    expect(setpointProblem(' ')).toMatch(/Enter/);
    expect(voltsProblem('LV', '12')).toBeNull();
    expect(voltsProblem('LV', '16')).toBe('LV takes 0–15 V.');
    expect(voltsProblem('HV', '200')).toBeNull();
    expect(voltsProblem('HV', '')).toBe('Enter a voltage.');
  });
});

describe('HV reasons', () => {
  it('gives the FSM and the interlock reason together', () => {
    expect(supplyGates('LV_OFF', chillerOff, OP).hvOn.reason).toBe(
      'HV switches on only from LV_ON; the supply is LV_OFF · HV is interlocked: chiller julabo is OFF, not ON',
    );
  });
});
