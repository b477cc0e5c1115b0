/** The dcs domain's event streams on @opshub/events (one per subscription root). */
export const DCS_STREAMS = {
  /** Readings, one event per stored batch (never one per row). */
  readingsAdded: 'dcs.readings-added',
  deviceStateChanged: 'dcs.device-state-changed',
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
  kind: string;
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
  severity: string;
  message: string;
  raisedAt: string;
}
