import { describe, expect, it } from 'vitest';
import {
  GarbledAnswerError,
  ImplausibleAnswerError,
  JULABO,
  parseNumber,
  parseStatus,
} from './julabo-protocol.js';

describe('Julabo answers checked against their command', () => {
  it('reads each numeric register within its range', () => {
    expect(parseNumber(JULABO.bathTemperature, '21.50')).toBe(21.5);
    expect(parseNumber(JULABO.externalTemperature, ' -12.40 ')).toBe(-12.4);
    expect(parseNumber(JULABO.power, '-35')).toBe(-35);
    expect(parseNumber(JULABO.setpoint(2), '-50.00')).toBe(-50);
    expect(parseNumber(JULABO.activeSetpoint, '2')).toBe(2);
    expect(parseNumber(JULABO.externalControl, '1')).toBe(1);
  });

  it.each([
    [JULABO.power, '101', ImplausibleAnswerError],
    [JULABO.power, '-100.5', ImplausibleAnswerError],
    [JULABO.bathTemperature, '251.00', ImplausibleAnswerError],
    [JULABO.setpoint(0), '50.01', ImplausibleAnswerError],
    [JULABO.activeSetpoint, '3', ImplausibleAnswerError],
    [JULABO.activeSetpoint, '1.0', GarbledAnswerError],
    [JULABO.externalControl, '-1', GarbledAnswerError],
    [JULABO.bathTemperature, '02 REMOTE STOP', GarbledAnswerError],
    [JULABO.bathTemperature, '1e3', GarbledAnswerError],
    [JULABO.bathTemperature, '', GarbledAnswerError],
  ])('%s answered %j is an error (%o)', (command, answer, error) => {
    expect(() => parseNumber(command, answer)).toThrow(error);
  });

  it('takes the setpoint limits and the measured range of the chiller', () => {
    const limits = { setpoint: { min: -20, max: 30 }, temperature: { min: -30, max: 60 } };
    expect(() => parseNumber(JULABO.setpoint(0), '35.00', limits)).toThrow(/outside -20..30/);
    expect(() => parseNumber(JULABO.bathTemperature, '70.00', limits)).toThrow(ImplausibleAnswerError);
    expect(parseNumber(JULABO.bathTemperature, '59.99', limits)).toBe(59.99);
  });

  it('reads STATUS only in its own grammar: code, space, text', () => {
    expect(parseStatus('03 REMOTE START')).toEqual({ code: 3, text: 'REMOTE START' });
    expect(parseStatus('-08 INVALID COMMAND')).toEqual({ code: -8, text: 'INVALID COMMAND' });
    for (const bad of ['35', '21.50', '02 ', '123 REMOTE', '02 \u0013#?~', ''])
      expect(() => parseStatus(bad)).toThrow(GarbledAnswerError);
  });
});
