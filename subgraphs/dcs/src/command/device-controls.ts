import { hasRole, type Principal, type RoleName } from '@opshub/auth';
import { highVoltageGuard, hvIsOn, lowVoltageGuard, type SystemState } from '../caen/module-fsm.js';
import type { Interlock } from '../interlock/interlock.type.js';
import type { ModuleSnapshot } from '../interlock/stand-snapshot.js';
import { CHILLER_FROM } from '../interlock/wire-guard.js';
import { SETPOINT_LIMITS, VOLT_LIMITS, type Limits } from './command-limits.js';
import { SupplyKind } from './command.type.js';

/** Every operator command of the stand, as the page offers it. */
export enum DeviceCommand {
  SWITCH_LV_ON = 'SWITCH_LV_ON',
  SWITCH_LV_OFF = 'SWITCH_LV_OFF',
  SWITCH_HV_ON = 'SWITCH_HV_ON',
  SWITCH_HV_OFF = 'SWITCH_HV_OFF',
  SET_CHANNEL_VOLTAGE = 'SET_CHANNEL_VOLTAGE',
  START_CHILLER = 'START_CHILLER',
  STOP_CHILLER = 'STOP_CHILLER',
  SET_CHILLER_SETPOINT = 'SET_CHILLER_SETPOINT',
  ACKNOWLEDGE_ALARM = 'ACKNOWLEDGE_ALARM',
}

/** What refuses a command now. */
export enum ControlBlock {
  FSM = 'FSM',
  INTERLOCK = 'INTERLOCK',
  ROLE = 'ROLE',
}

export interface ControlView {
  command: DeviceCommand;
  allowed: boolean;
  reason: string | null;
  blockedBy: ControlBlock | null;
  limits: Limits | null;
}

/** The role each command's mutation requires; the mutations take their `@Authorized` role from here. */
export const COMMAND_ROLE: RoleName = 'OPERATOR';

type Caller = Pick<Principal, 'roles'> | undefined;

/** The chiller states from which its line answers commands (a setpoint is written and read back). */
const CHILLER_ANSWERS: readonly string[] = ['CONNECTED', 'OFF', 'ON'];

/** Why a chiller command may not go out from `state`, or null (the mutations apply the same rule). */
export function chillerGuard(action: 'start' | 'stop' | 'setpoint', state: string): string | null {
  if (action === 'setpoint') {
    return CHILLER_ANSWERS.includes(state)
      ? null
      : `the chiller is ${state}: its serial line must answer first`;
  }
  const from: readonly string[] = CHILLER_FROM[action];
  return from.includes(state) ? null : `${action} needs the chiller ${from.join(' or ')}; it is ${state}`;
}

/** Failing interlocks as one reason; null when every one holds. */
export function interlockReason(interlocks: readonly Interlock[]): string | null {
  const failing = interlocks.filter((i) => !i.ok);
  return failing.length === 0 ? null : `HV is interlocked: ${failing.map((i) => i.reason).join('; ')}`;
}

/**
 * One control from its refusals in order: the device FSM, then the interlocks, then the caller's
 * role. Both FSM and interlock reasons are given when both hold: the operator learns up front that
 * fixing the state alone will not be enough.
 */
function control(
  command: DeviceCommand,
  caller: Caller,
  fsm: string | null,
  interlock: string | null = null,
  limits: Limits | null = null,
): ControlView {
  const reasons = [fsm, interlock].filter((r): r is string => r !== null);
  if (reasons.length > 0) {
    const blockedBy = fsm ? ControlBlock.FSM : ControlBlock.INTERLOCK;
    return { command, allowed: false, reason: reasons.join(' · '), blockedBy, limits };
  }
  if (!hasRole(caller, COMMAND_ROLE)) {
    const reason = `needs the ${COMMAND_ROLE} role`;
    return { command, allowed: false, reason, blockedBy: ControlBlock.ROLE, limits };
  }
  return { command, allowed: true, reason: null, blockedBy: null, limits };
}

/** The supply's switches, from the system FSM state and the interlocks (HV on only). */
export function supplyControls(
  system: SystemState,
  interlocks: readonly Interlock[],
  caller: Caller,
): ControlView[] {
  return [
    control(DeviceCommand.SWITCH_LV_ON, caller, lowVoltageGuard(system, true)),
    control(DeviceCommand.SWITCH_LV_OFF, caller, lowVoltageGuard(system, false)),
    control(DeviceCommand.SWITCH_HV_ON, caller, highVoltageGuard(system, true), interlockReason(interlocks)),
    control(DeviceCommand.SWITCH_HV_OFF, caller, highVoltageGuard(system, false)),
  ];
}

/**
 * A channel's V0Set: the module must be known to the supply (registered with its channel), and a
 * live HV channel needs every interlock (raising it is switching HV on to a new value).
 */
export function channelControls(
  kind: SupplyKind,
  module: ModuleSnapshot | undefined,
  interlocks: readonly Interlock[],
  caller: Caller,
): ControlView[] {
  const channel = kind === SupplyKind.LV ? module?.lvChannel : module?.hvChannel;
  const fsm =
    !module || channel === null || channel === undefined
      ? `this ${kind} channel is not in the module map`
      : null;
  const live = kind === SupplyKind.HV && module !== undefined && hvIsOn(module.state);
  return [
    control(
      DeviceCommand.SET_CHANNEL_VOLTAGE,
      caller,
      fsm,
      live ? interlockReason(interlocks) : null,
      VOLT_LIMITS[kind],
    ),
  ];
}

export function chillerControls(state: string, caller: Caller): ControlView[] {
  return [
    control(
      DeviceCommand.SET_CHILLER_SETPOINT,
      caller,
      chillerGuard('setpoint', state),
      null,
      SETPOINT_LIMITS,
    ),
    control(DeviceCommand.START_CHILLER, caller, chillerGuard('start', state)),
    control(DeviceCommand.STOP_CHILLER, caller, chillerGuard('stop', state)),
  ];
}

/** An alarm's acknowledgement: only the role decides (a second acknowledgement keeps the first). */
export function alarmControls(caller: Caller): ControlView[] {
  return [control(DeviceCommand.ACKNOWLEDGE_ALARM, caller, null)];
}
