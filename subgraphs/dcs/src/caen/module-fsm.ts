/**
 * The CAEN module and system FSMs of the tracker DCS (domains.md §3), computed from the channel
 * status words the supply reports, with the guards the server enforces on commands.
 */
export type ModuleState =
  'INIT' | 'DISCONNECTED' | 'CONNECTED' | 'LV_OFF' | 'LV_ON' | 'HV_RAMP' | 'HV_ON' | 'ERROR';
export type SystemState = ModuleState | 'LV_MIX' | 'HV_MIX';

const ON = 1;
/** Below this HV monitor voltage a channel counts as discharged. */
const DISCHARGED_VOLTS = 0.5;

export interface ChannelReport {
  status: number;
  vMon: number;
}

/** One module from its LV and HV channels; unknown channels make it DISCONNECTED. */
export function moduleState(lv: ChannelReport | undefined, hv: ChannelReport | undefined): ModuleState {
  if (!lv || !hv) return 'DISCONNECTED';
  if (hv.status > 5 || lv.status > 1) return 'ERROR';
  const lvOn = (lv.status & ON) === ON;
  const hvOn = (hv.status & ON) === ON;
  const hvCharged = hv.vMon > DISCHARGED_VOLTS;
  // HV without LV damages the sensor: the supply should never show it.
  if (!lvOn) return hvOn || hvCharged ? 'ERROR' : 'LV_OFF';
  if (!hvOn) return hvCharged ? 'HV_RAMP' : 'LV_ON';
  return hv.status === ON ? 'HV_ON' : 'HV_RAMP';
}

const HV_STATES: readonly string[] = ['HV_RAMP', 'HV_ON'];

/** The system: every module alike, or a mix (LV_MIX, HV_MIX). */
export function systemState(modules: readonly ModuleState[]): SystemState {
  if (modules.length === 0) return 'DISCONNECTED';
  if (modules.includes('ERROR')) return 'ERROR';
  if (modules.includes('DISCONNECTED')) return 'DISCONNECTED';
  if (modules.every((s) => s === modules[0])) return modules[0]!;
  if (modules.some((s) => HV_STATES.includes(s)))
    return modules.includes('HV_RAMP') && modules.every((s) => HV_STATES.includes(s)) ? 'HV_RAMP' : 'HV_MIX';
  return 'LV_MIX';
}

export function hvIsOn(state: SystemState | ModuleState): boolean {
  return state === 'HV_ON' || state === 'HV_RAMP' || state === 'HV_MIX';
}

/** Why switching LV is not allowed from `system`, or null when it is. */
export function lowVoltageGuard(system: SystemState, on: boolean): string | null {
  if (on) {
    return system === 'LV_OFF' || system === 'LV_MIX'
      ? null
      : `LV can switch on only from LV_OFF or LV_MIX; the supply is ${system}`;
  }
  if (hvIsOn(system)) return `LV may not switch off under HV; the supply is ${system}: switch HV off first`;
  return system === 'LV_ON' || system === 'LV_MIX'
    ? null
    : `LV can switch off only from LV_ON; the supply is ${system}`;
}

/** Why switching HV is not allowed from `system`, or null when it is. */
export function highVoltageGuard(system: SystemState, on: boolean): string | null {
  if (on)
    return system === 'LV_ON' || system === 'HV_MIX'
      ? null
      : `HV can switch on only from LV_ON; the supply is ${system}`;
  return hvIsOn(system) ? null : `HV is not on; the supply is ${system}`;
}
