import { describe, expect, it } from 'vitest';
import { highVoltageGuard, lowVoltageGuard, moduleState, systemState } from './module-fsm.js';

describe('module FSM', () => {
  it('follows the status words', () => {
    expect(moduleState(undefined, { status: 0, vMon: 0 })).toBe('DISCONNECTED');
    expect(moduleState({ status: 0, vMon: 0 }, { status: 0, vMon: 0 })).toBe('LV_OFF');
    expect(moduleState({ status: 1, vMon: 12 }, { status: 0, vMon: 0 })).toBe('LV_ON');
    expect(moduleState({ status: 1, vMon: 12 }, { status: 3, vMon: 50 })).toBe('HV_RAMP');
    expect(moduleState({ status: 1, vMon: 12 }, { status: 1, vMon: 200 })).toBe('HV_ON');
    expect(moduleState({ status: 1, vMon: 12 }, { status: 4, vMon: 80 })).toBe('HV_RAMP');
    expect(moduleState({ status: 1, vMon: 12 }, { status: 520, vMon: 0 })).toBe('ERROR');
    expect(moduleState({ status: 3, vMon: 12 }, { status: 0, vMon: 0 })).toBe('ERROR');
    expect(moduleState({ status: 0, vMon: 0 }, { status: 1, vMon: 200 })).toBe('ERROR');
  });

  it('summarises the system and guards the switches', () => {
    expect(systemState(['LV_ON', 'LV_ON'])).toBe('LV_ON');
    expect(systemState(['LV_ON', 'LV_OFF'])).toBe('LV_MIX');
    expect(systemState(['LV_ON', 'HV_ON'])).toBe('HV_MIX');
    expect(systemState(['HV_RAMP', 'HV_ON'])).toBe('HV_RAMP');
    expect(systemState(['HV_ON', 'ERROR'])).toBe('ERROR');
    expect(systemState([])).toBe('DISCONNECTED');
    expect(highVoltageGuard('LV_OFF', true)).toMatch(/only from LV_ON/);
    expect(highVoltageGuard('LV_ON', true)).toBeNull();
    expect(lowVoltageGuard('HV_ON', false)).toMatch(/under HV/);
    expect(lowVoltageGuard('LV_ON', false)).toBeNull();
    expect(lowVoltageGuard('LV_OFF', true)).toBeNull();
  });
});
