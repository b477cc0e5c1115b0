import type { AlarmSeverity, DeviceKind } from '@opshub/db/enums';
import type { DomainEvent } from '@opshub/events';
import { toAlarm } from './alarm/alarm.mapper.js';
import type { AlarmRow } from './alarm/alarm.repository.js';
import type { Alarm } from './alarm/alarm.type.js';
import { toDevice } from './device/device.mapper.js';
import type { DeviceRow } from './device/device.repository.js';
import type { Device } from './device/device.type.js';

/**
 * The dcs domain's event streams, their payloads and their mappings (row → event → GraphQL): the one
 * place a dcs event is declared. Delivery per stream:
 * - readings: stored first, the event is best-effort (a lost one is read again by resuming, or by
 *   the next series query); one event per stored batch;
 * - device states and alarms: through the dcs outbox, so a Redis outage delays them, never loses
 *   them, and a device's changes arrive in the order they were made.
 */
export const DCS_STREAMS = {
  /** Readings, one event per stored batch (never one per row). Best-effort. */
  readingsAdded: 'dcs.readings-added',
  /** A device's state or online flag changed. Outbox. */
  deviceStateChanged: 'dcs.device-state-changed',
  /** An alarm was raised. Outbox. */
  alarmRaised: 'dcs.alarm-raised',
} as const;

export interface ReadingEvent {
  deviceId: string;
  metric: string;
  value: number;
  /** ISO 8601. */
  at: string;
}

/** Payload of `dcs.readings-added`. */
export interface ReadingsAddedEvent {
  readings: ReadingEvent[];
}

/** Payload of `dcs.device-state-changed`: the device right after the change. */
export interface DeviceStateChangedEvent {
  id: string;
  name: string;
  kind: DeviceKind;
  state: string;
  previousState: string;
  online: boolean;
  lastSeenAt: string | null;
}

/** Payload of `dcs.alarm-raised`. */
export interface AlarmRaisedEvent {
  id: string;
  rule: string;
  deviceId: string | null;
  severity: AlarmSeverity;
  message: string;
  raisedAt: string;
}

export function deviceStateChangedOf(row: DeviceRow, previousState: string): DeviceStateChangedEvent {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    state: row.state,
    previousState,
    online: row.online,
    lastSeenAt: row.lastSeenAt?.toISOString() ?? null,
  };
}

/** `deviceStateChanged` as GraphQL: the event read back as a row, through the row's mapper. */
export function deviceOfEvent({ id: eventId, payload: d }: DomainEvent<DeviceStateChangedEvent>): Device {
  return { ...toDevice({ ...d, lastSeenAt: d.lastSeenAt ? new Date(d.lastSeenAt) : null }), eventId };
}

export function alarmRaisedOf(row: AlarmRow): AlarmRaisedEvent {
  return {
    id: row.id,
    rule: row.rule,
    deviceId: row.deviceId,
    severity: row.severity,
    message: row.message,
    raisedAt: row.raisedAt.toISOString(),
  };
}

/** `alarmRaised` as GraphQL: a raised alarm is active and not acknowledged yet. */
export function alarmOfEvent({ id: eventId, payload: a }: DomainEvent<AlarmRaisedEvent>): Alarm {
  return {
    ...toAlarm({
      ...a,
      raisedAt: new Date(a.raisedAt),
      clearedAt: null,
      acknowledgedAt: null,
      acknowledgedBy: null,
    }),
    eventId,
  };
}
