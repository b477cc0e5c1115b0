/**
 * How the DCS page renders the hub's answer to "what may I command now": `Device.controls`,
 * `powerSupply.controls` and `Alarm.controls` (allowed, or the reason — FSM, interlock or role —
 * and the argument ranges). The page keeps no copy of the state machines, the interlocks, the
 * limits or the role order: it offers a command exactly when the hub says it is allowed.
 */
import type { ControlBlock, DeviceCommand } from '../gql/graphql';

/** One entry of a `controls` list. */
export interface ControlView {
  command: DeviceCommand;
  allowed: boolean;
  reason?: string | null;
  blockedBy?: ControlBlock | null;
  limits?: Limits | null;
}

export interface Limits {
  min: number;
  max: number;
  unit: string;
}

/** A control and, when it is disabled, the reason shown beside it. */
export interface Gate {
  enabled: boolean;
  reason: string | null;
}

/** The gate of `command` in `controls`; a command the hub did not list is not offered. */
export function gateOf(controls: readonly ControlView[] | null | undefined, command: DeviceCommand): Gate {
  const c = controls?.find((x) => x.command === command);
  if (!c) return { enabled: false, reason: controls ? 'Not offered for this device' : 'Loading…' };
  return { enabled: c.allowed, reason: c.allowed ? null : (c.reason ?? 'Refused by the hub') };
}

export function limitsOf(
  controls: readonly ControlView[] | null | undefined,
  command: DeviceCommand,
): Limits | null {
  return controls?.find((x) => x.command === command)?.limits ?? null;
}

/** −50, not -50: the typographic minus the page uses for ranges. */
function formatBound(value: number): string {
  return value < 0 ? `−${-value}` : String(value);
}

/** Why a typed value cannot be sent, or null: `what` must be a number within the hub's `limits`. */
export function rangeProblem(text: string, limits: Limits | null, what: string): string | null {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) return `Enter ${what} in ${limits?.unit ?? 'its unit'}.`;
  if (limits && (value < limits.min || value > limits.max))
    return `${what.charAt(0).toUpperCase()}${what.slice(1)} must be between ${formatBound(limits.min)} and ${formatBound(limits.max)} ${limits.unit}.`;
  return null;
}

/** `module-1/hv` → `module-1`; null for devices that are not supply channels (for grouping rows). */
export function moduleOf(deviceId: string): string | null {
  const match = /^(.+)\/(lv|hv)$/.exec(deviceId);
  return match ? match[1]! : null;
}
