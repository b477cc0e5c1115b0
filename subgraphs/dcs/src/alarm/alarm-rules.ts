import type { Device } from '../device/device.type.js';
import { DeviceKind } from '../device/device-kind.js';
import type { ReadingRow } from '../reading/reading.repository.js';
import type { AlarmCondition, AlarmService } from './alarm.service.js';
import { AlarmSeverity } from './alarm.type.js';

/** A threshold on one metric of some devices: raised above `above` (or below `below`). */
export interface ThresholdRule {
  id: string;
  kind: DeviceKind;
  /** Only devices whose id ends like this (e.g. `/lv`). */
  idSuffix?: string;
  metric: string;
  above?: number;
  below?: number;
  severity: AlarmSeverity;
  label: string;
}

/** The alarm thresholds of the stand (declarative; the interlocks add their own trips). */
export const THRESHOLD_RULES: readonly ThresholdRule[] = [
  {
    id: 'chiller-bath-high',
    kind: DeviceKind.CHILLER,
    metric: 'temperature',
    above: 30,
    severity: AlarmSeverity.WARNING,
    label: 'bath temperature',
  },
  {
    id: 'module-temperature-high',
    kind: DeviceKind.POWER_SUPPLY_CHANNEL,
    idSuffix: '/lv',
    metric: 'temperature',
    above: 35,
    severity: AlarmSeverity.CRITICAL,
    label: 'module temperature',
  },
  {
    id: 'humidity-high',
    kind: DeviceKind.SENSOR,
    metric: 'BME/humi',
    above: 60,
    severity: AlarmSeverity.WARNING,
    label: 'relative humidity',
  },
  {
    id: 'co2-high',
    kind: DeviceKind.SENSOR,
    metric: 'SCD30/co2',
    above: 1500,
    severity: AlarmSeverity.WARNING,
    label: 'CO2',
  },
];

/** Raises or clears the threshold alarms for the newest value of each (device, metric). */
export async function evaluateThresholds(
  alarms: AlarmService,
  devices: readonly Device[],
  latest: readonly ReadingRow[],
  rules: readonly ThresholdRule[] = THRESHOLD_RULES,
): Promise<void> {
  const byId = new Map(devices.map((d) => [d.id, d]));
  for (const r of latest) {
    const device = byId.get(r.deviceId);
    if (!device) continue;
    for (const rule of rules) {
      if (rule.kind !== device.kind || rule.metric !== r.metric) continue;
      if (rule.idSuffix && !device.id.endsWith(rule.idSuffix)) continue;
      const high = rule.above !== undefined && r.value > rule.above;
      const low = rule.below !== undefined && r.value < rule.below;
      const limit = high ? `above ${rule.above}` : `below ${rule.below}`;
      await alarms.sync(
        {
          rule: `threshold:${rule.id}`,
          deviceId: device.id,
          severity: rule.severity,
          message: `${device.name}: ${rule.label} ${r.value.toFixed(2)} is ${limit}`,
        },
        high || low,
      );
    }
  }
}

/** `device-error`: a device whose FSM is in ERROR (raised while it is, cleared when it leaves). */
export function deviceErrorAlarm(
  device: Pick<Device, 'id' | 'name'>,
  state: string,
): [AlarmCondition, boolean] {
  return [
    {
      rule: 'device-error',
      deviceId: device.id,
      severity: AlarmSeverity.CRITICAL,
      message: `${device.name} is in ERROR`,
    },
    state === 'ERROR',
  ];
}

/** `line-fault`: a driver lost its line to the device (serial: no answer, garbled answers). */
export function lineFaultAlarm(
  device: Pick<Device, 'id' | 'name'>,
  fault: string | null,
): [AlarmCondition, boolean] {
  return [
    {
      rule: 'chiller-line',
      deviceId: device.id,
      severity: AlarmSeverity.CRITICAL,
      message: `${device.name}: serial line fault: ${fault ?? ''}`,
    },
    fault !== null,
  ];
}
