/**
 * Which DCS controls the page enables, mirroring the dcs subgraph's guards (subgraphs/dcs/src/caen/
 * module-fsm.ts, command.service.ts and the interlock rules) and its `@Authorized('OPERATOR')`
 * mutations. The hub stays the authority: this only decides what is clickable and says why not,
 * and the page shows the hub's INTERLOCKED / INVALID_TRANSITION reason when it refuses anyway.
 */

/** Roles in increasing rights, as in @opshub/auth (each includes the ones before it). */
const ROLES = ['VIEWER', 'OPERATOR', 'ADMIN'] as const;

export function hasRole(roles: readonly string[], needed: (typeof ROLES)[number]): boolean {
  const rank = (r: string): number => (ROLES as readonly string[]).indexOf(r);
  return roles.some((r) => rank(r) >= rank(needed));
}

/** A control and, when it is disabled, the reason shown beside it. */
export interface Gate {
  enabled: boolean;
  reason: string | null;
}

const open: Gate = { enabled: true, reason: null };
const shut = (reason: string): Gate => ({ enabled: false, reason });

export interface InterlockView {
  id: string;
  ok: boolean;
  reason?: string | null;
}

export interface DeviceView {
  id: string;
  kind: string;
  state: string;
  online: boolean;
}

const HV_STATES = ['HV_RAMP', 'HV_ON'];

/** The supply as a whole, from its modules: every module alike, or LV_MIX / HV_MIX (as the server computes it). */
export function systemState(modules: readonly string[]): string {
  if (modules.length === 0) return 'DISCONNECTED';
  if (modules.includes('ERROR')) return 'ERROR';
  if (modules.includes('DISCONNECTED')) return 'DISCONNECTED';
  if (modules.every((s) => s === modules[0])) return modules[0]!;
  if (modules.some((s) => HV_STATES.includes(s)))
    return modules.includes('HV_RAMP') && modules.every((s) => HV_STATES.includes(s)) ? 'HV_RAMP' : 'HV_MIX';
  return 'LV_MIX';
}

export function hvIsOn(system: string): boolean {
  return system === 'HV_ON' || system === 'HV_RAMP' || system === 'HV_MIX';
}

/** `module-1/hv` → `module-1`; null for devices that are not supply channels. */
export function moduleOf(deviceId: string): string | null {
  const match = /^(.+)\/(lv|hv)$/.exec(deviceId);
  return match ? match[1]! : null;
}

/** The module FSM state of each module, read from its channel devices (both carry it). */
export function moduleStates(devices: readonly DeviceView[]): Map<string, string> {
  const states = new Map<string, string>();
  for (const d of devices) {
    const m = moduleOf(d.id);
    if (d.kind === 'POWER_SUPPLY_CHANNEL' && m && !states.has(m)) states.set(m, d.state);
  }
  return states;
}

const NEEDS_OPERATOR = 'Needs the OPERATOR role';

function roleGate(roles: readonly string[]): Gate | null {
  return hasRole(roles, 'OPERATOR') ? null : shut(NEEDS_OPERATOR);
}

export interface ChillerGates {
  setpoint: Gate;
  start: Gate;
  stop: Gate;
}

/** The chiller's controls: setpoints need a connected line; start only from OFF (or CONNECTED), stop only from ON. */
export function chillerGates(chiller: DeviceView | null, roles: readonly string[]): ChillerGates {
  const denied = roleGate(roles);
  if (denied) return { setpoint: denied, start: denied, stop: denied };
  if (!chiller) {
    const none = shut('No chiller registered');
    return { setpoint: none, start: none, stop: none };
  }
  if (chiller.state === 'DISCONNECTED' || chiller.state === 'ERROR' || !chiller.online) {
    const dead = shut(
      `The chiller is ${chiller.online ? chiller.state : 'offline'}: its serial line must answer first`,
    );
    return { setpoint: dead, start: dead, stop: dead };
  }
  return {
    setpoint: open,
    start:
      chiller.state === 'OFF' || chiller.state === 'CONNECTED'
        ? open
        : shut(`Start needs the chiller OFF; it is ${chiller.state}`),
    stop: chiller.state === 'ON' ? open : shut(`Stop needs the chiller ON; it is ${chiller.state}`),
  };
}

export interface SupplyGates {
  lvOn: Gate;
  lvOff: Gate;
  hvOn: Gate;
  hvOff: Gate;
  /** Per-channel V0Set for LV, and for HV (which needs the interlocks when HV is live). */
  setLv: Gate;
  setHv: Gate;
}

/** Failing interlocks as one sentence; unknown interlocks count as unsafe, as on the server. */
export function interlockReason(interlocks: readonly InterlockView[] | null): string | null {
  if (!interlocks) return 'Interlock state unknown';
  const failing = interlocks.filter((i) => !i.ok);
  if (failing.length === 0) return null;
  return failing.map((i) => i.reason ?? `interlock ${i.id} not satisfied`).join('; ');
}

/**
 * The supply's controls for the system FSM state: LV on from LV_OFF/LV_MIX, off only from LV_ON/LV_MIX
 * and never under HV; HV on only from LV_ON/HV_MIX with every interlock ok ("HV needs the chiller ON").
 */
export function supplyGates(
  system: string,
  interlocks: readonly InterlockView[] | null,
  roles: readonly string[],
): SupplyGates {
  const denied = roleGate(roles);
  if (denied)
    return { lvOn: denied, lvOff: denied, hvOn: denied, hvOff: denied, setLv: denied, setHv: denied };
  const interlocked = interlockReason(interlocks);
  const lvOn =
    system === 'LV_OFF' || system === 'LV_MIX'
      ? open
      : shut(`LV switches on only from LV_OFF; the supply is ${system}`);
  const lvOff = hvIsOn(system)
    ? shut(`LV may not switch off under HV; the supply is ${system}: switch HV off first`)
    : system === 'LV_ON' || system === 'LV_MIX'
      ? open
      : shut(`LV is not on; the supply is ${system}`);
  // Both reasons when both hold: the operator learns up front that LV alone will not be enough.
  const hvWhy = [
    system === 'LV_ON' || system === 'HV_MIX'
      ? null
      : `HV switches on only from LV_ON; the supply is ${system}`,
    interlocked ? `HV is interlocked: ${interlocked}` : null,
  ].filter((r): r is string => r !== null);
  const hvOn = hvWhy.length ? shut(hvWhy.join(' · ')) : open;
  const hvOff = hvIsOn(system) ? open : shut(`HV is not on; the supply is ${system}`);
  const connected = system !== 'DISCONNECTED' && system !== 'INIT';
  const setLv = connected ? open : shut(`The supply is ${system}`);
  const setHv = !connected
    ? shut(`The supply is ${system}`)
    : hvIsOn(system) && interlocked
      ? shut(`HV is interlocked: ${interlocked}`)
      : open;
  return { lvOn, lvOff, hvOn, hvOff, setLv, setHv };
}

/** Why a typed setpoint cannot be sent, or null (the API takes −50 to 50 °C). */
export function setpointProblem(text: string): string | null {
  if (text.trim() === '') return 'Enter a temperature in °C.';
  const value = Number(text);
  if (!Number.isFinite(value)) return 'The setpoint must be a number.';
  if (value < -50 || value > 50) return 'The setpoint must be between −50 and 50 °C.';
  return null;
}

export const VOLT_LIMITS = { LV: 15, HV: 500 } as const;

/** Why a typed channel voltage cannot be sent, or null. */
export function voltsProblem(kind: 'LV' | 'HV', text: string): string | null {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) return 'Enter a voltage.';
  if (value < 0 || value > VOLT_LIMITS[kind]) return `${kind} takes 0–${VOLT_LIMITS[kind]} V.`;
  return null;
}
