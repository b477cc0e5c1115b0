import { SupplyKind } from './command.type.js';

/** A numeric range a command's argument must lie in (inclusive), with its unit. */
export interface Limits {
  min: number;
  max: number;
  unit: string;
}

/** V0Set of a channel: what the sensors and the supply take. */
export const VOLT_LIMITS: Readonly<Record<SupplyKind, Limits>> = {
  [SupplyKind.LV]: { min: 0, max: 15, unit: 'V' },
  [SupplyKind.HV]: { min: 0, max: 500, unit: 'V' },
};

/** A chiller setpoint temperature (the Julabo's range). */
export const SETPOINT_LIMITS: Limits = { min: -50, max: 50, unit: '°C' };

/** The chiller's setpoint slots, 1-based in the API. */
export const SETPOINT_SLOTS = 3;

export function withinLimits(value: number, limits: Limits): boolean {
  return Number.isFinite(value) && value >= limits.min && value <= limits.max;
}
