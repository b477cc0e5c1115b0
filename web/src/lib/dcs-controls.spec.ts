import { describe, expect, it } from 'vitest';
import { gateOf, limitsOf, moduleOf, rangeProblem, type ControlView } from './dcs-controls';

const controls: ControlView[] = [
  {
    command: 'SET_CHILLER_SETPOINT',
    allowed: true,
    reason: null,
    blockedBy: null,
    limits: { min: -50, max: 50, unit: '°C' },
  },
  { command: 'START_CHILLER', allowed: true, reason: null, blockedBy: null },
  {
    command: 'STOP_CHILLER',
    allowed: false,
    reason: 'stop needs the chiller ON; it is OFF',
    blockedBy: 'FSM',
  },
];

describe('gateOf', () => {
  it("is the hub's answer: enabled when allowed, its reason when not", () => {
    expect(gateOf(controls, 'START_CHILLER')).toEqual({ enabled: true, reason: null });
    expect(gateOf(controls, 'STOP_CHILLER')).toEqual({
      enabled: false,
      reason: 'stop needs the chiller ON; it is OFF',
    });
  });

  it('offers nothing the hub did not list, nor before it answered', () => {
    expect(gateOf(controls, 'SWITCH_HV_ON').enabled).toBe(false);
    expect(gateOf(null, 'START_CHILLER').enabled).toBe(false);
  });
});

describe('rangeProblem', () => {
  const limits = limitsOf(controls, 'SET_CHILLER_SETPOINT');

  it("checks a typed value against the hub's range, in the page's words", () => {
    expect(limits).toEqual({ min: -50, max: 50, unit: '°C' });
    expect(rangeProblem('80', limits, 'the setpoint')).toBe('The setpoint must be between −50 and 50 °C.');
    expect(rangeProblem('-50', limits, 'the setpoint')).toBeNull();
    expect(rangeProblem('', limits, 'the setpoint')).toBe('Enter the setpoint in °C.');
    expect(rangeProblem('abc', { min: 0, max: 15, unit: 'V' }, 'a voltage')).toBe('Enter a voltage in V.');
    expect(rangeProblem('16', { min: 0, max: 15, unit: 'V' }, 'LV')).toBe('LV must be between 0 and 15 V.');
  });
});

describe('moduleOf', () => {
  it('groups channels by module', () => {
    expect(moduleOf('module-1/hv')).toBe('module-1');
    expect(moduleOf('julabo')).toBeNull();
  });
});
