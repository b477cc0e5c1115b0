import { highVoltageGuard, hvIsOn, lowVoltageGuard } from '../caen/module-fsm.js';
import { INTERLOCKS, type InterlockSettings } from './interlock.rules.js';
import type { StandSnapshot } from './stand-snapshot.js';

/** What a worker is about to write to a device: a CAEN topic and payload, or a chiller action. */
export type WireCommand =
  | { caen: { topic: string; payload: string } }
  | {
      chiller: {
        deviceId: string;
        action:
          { kind: 'setpoint'; index: number; temperature: number } | { kind: 'start' } | { kind: 'stop' };
      };
    };

/** Why a command may not go out now, with the code the mutation reports. */
export interface WireRefusal {
  code: 'INTERLOCKED' | 'INVALID_TRANSITION';
  reason: string;
  interlocks?: string[];
}

/** The chiller states each run command may start from (the mutations' guard). */
export const CHILLER_FROM = { start: ['OFF', 'CONNECTED'], stop: ['ON'] } as const;

function interlocked(stand: StandSnapshot, settings: InterlockSettings): WireRefusal | null {
  const failing = INTERLOCKS.map((r) => ({ id: r.id, reason: r.violation(stand, settings) })).filter(
    (r): r is { id: string; reason: string } => r.reason !== null,
  );
  if (failing.length === 0) return null;
  return {
    code: 'INTERLOCKED',
    reason: failing.map((f) => f.reason).join('; '),
    interlocks: failing.map((f) => f.id),
  };
}

/**
 * The last check before the wire, on the stand as last reported: the device FSMs and, for anything
 * that puts (or keeps raising) high voltage on the sensors, every interlock. Switching HV off is never
 * refused (it is the safe direction). Null when the command may go out.
 */
export function wireGuard(
  stand: StandSnapshot,
  settings: InterlockSettings,
  command: WireCommand,
): WireRefusal | null {
  if ('chiller' in command) {
    const { deviceId, action } = command.chiller;
    const chiller = stand.chillers.find((c) => c.id === deviceId);
    if (!chiller) return { code: 'INVALID_TRANSITION', reason: `chiller ${deviceId} is not registered` };
    if (action.kind === 'setpoint') return null;
    const from: readonly string[] = CHILLER_FROM[action.kind];
    return from.includes(chiller.state)
      ? null
      : {
          code: 'INVALID_TRANSITION',
          reason: `${action.kind} needs the chiller ${from.join(' or ')}; it is ${chiller.state}`,
        };
  }
  const { topic, payload } = command.caen;
  const on = payload.trim().toLowerCase() === 'on';
  if (topic === 'dcs/cmd/switch/hv') {
    if (!on) return null;
    const refused = highVoltageGuard(stand.system, true);
    if (refused) return { code: 'INVALID_TRANSITION', reason: refused };
    return interlocked(stand, settings);
  }
  if (topic === 'dcs/cmd/switch/lv') {
    const refused = lowVoltageGuard(stand.system, on);
    return refused ? { code: 'INVALID_TRANSITION', reason: refused } : null;
  }
  const setv = /^dcs\/cmd\/setv\/(lv|hv)\/([\w-]+)$/.exec(topic);
  if (setv) {
    if (setv[1] === 'lv') return null;
    const channel = Number(setv[2]);
    const m = stand.modules.find((x) => x.hvChannel === channel);
    if (!m) return { code: 'INVALID_TRANSITION', reason: `no module has HV channel ${setv[2]}` };
    // Raising the set voltage of a live HV channel is switching HV on to a new value.
    return hvIsOn(m.state) ? interlocked(stand, settings) : null;
  }
  return { code: 'INVALID_TRANSITION', reason: `not a CAEN command topic: ${topic}` };
}
