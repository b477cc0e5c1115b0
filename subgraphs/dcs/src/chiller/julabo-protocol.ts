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

/** `STATUS` → code and text ("03 REMOTE START" → 3). */
export function parseStatus(answer: string): { code: number; text: string } {
  const m = /^\s*(-?\d{1,3})\s+([A-Z0-9 .:_-]*)$/i.exec(answer);
  if (!m) throw new GarbledAnswerError(JULABO.status, answer);
  return { code: Number(m[1]), text: m[2]!.trim() };
}

export function parseNumber(command: string, answer: string): number {
  const trimmed = answer.trim();
  if (!/^-?\d+(\.\d+)?$/.test(trimmed)) throw new GarbledAnswerError(command, answer);
  return Number(trimmed);
}

/** STATUS < 0 or manual mode (0, 1) → ERROR; 2 → OFF; 3 → ON (remote control). */
export function chillerStateOf(code: number): ChillerState {
  if (code === 2) return 'OFF';
  if (code === 3) return 'ON';
  return 'ERROR';
}
