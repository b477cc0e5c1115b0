/**
 * The Julabo serial protocol (domains.md §3) and the chiller FSM derived from it: commands end in
 * `\r`, answers in `\r\n`; writes are not answered and are confirmed by reading back.
 */
export type ChillerState = 'DISCONNECTED' | 'CONNECTED' | 'OFF' | 'ON' | 'ERROR';

export const JULABO = {
  status: 'STATUS',
  version: 'VERSION',
  bathTemperature: 'IN_PV_00',
  power: 'IN_PV_01',
  externalTemperature: 'IN_PV_02',
  setpoint: (index: number) => `IN_SP_0${index}`,
  activeSetpoint: 'IN_MODE_01',
  externalControl: 'IN_MODE_04',
  writeSetpoint: (index: number, t: number) => `OUT_SP_0${index} ${t.toFixed(2)}`,
  writeActiveSetpoint: (index: number) => `OUT_MODE_01 ${index}`,
  writeExternalControl: (on: boolean) => `OUT_MODE_04 ${on ? 1 : 0}`,
  writeRunning: (on: boolean) => `OUT_MODE_05 ${on ? 1 : 0}`,
} as const;

/** A reply that is not what the command answers: line noise, a wrong baud rate, another device. */
export class GarbledAnswerError extends Error {
  constructor(command: string, answer: string) {
    super(`Garbled answer to ${command}: ${JSON.stringify(answer.slice(0, 40))}`);
    this.name = 'GarbledAnswerError';
  }
}

/**
 * A well-formed number that cannot be the answer to its command (a power of 250 %, a setpoint the
 * chiller cannot hold): most likely the answer to another command, so it is an error, not a reading.
 */
export class ImplausibleAnswerError extends Error {
  constructor(command: string, value: number, range: Range) {
    super(`Implausible answer to ${command}: ${value} is outside ${range.min}..${range.max}`);
    this.name = 'ImplausibleAnswerError';
  }
}

export interface Range {
  min: number;
  max: number;
}

/** What a chiller's answers may be. `setpoint` is the chiller's own limits (device config `temperatureRange`). */
export interface JulaboLimits {
  /** Setpoints read back (IN_SP_0n), °C. */
  setpoint: Range;
  /** Measured temperatures (IN_PV_00 bath, IN_PV_02 external Pt100), °C. */
  temperature: Range;
}

/**
 * Defaults: setpoints as the hub accepts them (−50..50 °C, domains.md §3); measured temperatures
 * within what a Julabo circulator and its Pt100 can physically show (−100..250 °C).
 */
export const DEFAULT_JULABO_LIMITS: JulaboLimits = {
  setpoint: { min: -50, max: 50 },
  temperature: { min: -100, max: 250 },
};

/** What each numeric register answers: its grammar (integer or decimal) and its range. */
function registerOf(command: string, limits: JulaboLimits): { integer: boolean; range: Range } | undefined {
  switch (command) {
    case JULABO.bathTemperature:
    case JULABO.externalTemperature:
      return { integer: false, range: limits.temperature };
    case JULABO.power:
      // Heating/cooling power in %, negative while cooling.
      return { integer: false, range: { min: -100, max: 100 } };
    case JULABO.activeSetpoint:
      return { integer: true, range: { min: 0, max: 2 } };
    case JULABO.externalControl:
      return { integer: true, range: { min: 0, max: 1 } };
    default:
      if (/^IN_SP_0[0-2]$/.test(command)) return { integer: false, range: limits.setpoint };
      return undefined;
  }
}

/**
 * `STATUS` → code and text ("03 REMOTE START" → 3; "-08 INVALID COMMAND" → −8). The grammar is strict:
 * a one- or two-digit code, one space, an upper-case text — a bare number is the answer to another command.
 */
export function parseStatus(answer: string): { code: number; text: string } {
  const m = /^\s*(-?\d{1,2}) +([A-Z][A-Z0-9 .:_/-]*)$/i.exec(answer);
  if (!m) throw new GarbledAnswerError(JULABO.status, answer);
  return { code: Number(m[1]), text: m[2]!.trim() };
}

/**
 * A numeric answer, checked against its register: the grammar (a decimal number; an integer for the
 * modes) and the range (temperatures, power −100..100 %, setpoints within the chiller's limits,
 * active setpoint 0–2, external control 0/1).
 */
export function parseNumber(command: string, answer: string, limits: Partial<JulaboLimits> = {}): number {
  const trimmed = answer.trim();
  if (!/^-?\d{1,4}(\.\d{1,3})?$/.test(trimmed)) throw new GarbledAnswerError(command, answer);
  const value = Number(trimmed);
  const register = registerOf(command, { ...DEFAULT_JULABO_LIMITS, ...limits });
  if (!register) return value;
  if (register.integer && !/^\d+$/.test(trimmed)) throw new GarbledAnswerError(command, answer);
  if (value < register.range.min || value > register.range.max)
    throw new ImplausibleAnswerError(command, value, register.range);
  return value;
}

/** STATUS < 0 or manual mode (0, 1) → ERROR; 2 → OFF; 3 → ON (remote control). */
export function chillerStateOf(code: number): ChillerState {
  if (code === 2) return 'OFF';
  if (code === 3) return 'ON';
  return 'ERROR';
}
