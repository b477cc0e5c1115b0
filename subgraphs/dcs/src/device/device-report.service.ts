import { deviceErrorAlarm, evaluateThresholds, lineFaultAlarm } from '../alarm/alarm-rules.js';
import type { AlarmService } from '../alarm/alarm.service.js';
import type { ReadingRow } from '../reading/reading.repository.js';
import type { DeviceReport, DeviceService } from './device.service.js';
import type { Device } from './device.type.js';

/** What a driver concluded about the devices it drives, in one go. */
export interface DeviceObservation {
  /** A report per device heard from (or found dead): new state, sign of life, online flag. */
  reports: readonly DeviceReport[];
  /** The newest value of each (device, metric) just stored: the threshold rules look at these. */
  readings?: readonly ReadingRow[];
  /** Drivers with a line of their own (serial): per device, its fault, or null when it answered. */
  lineFaults?: ReadonlyMap<string, string | null>;
}

/**
 * What follows a device report, the same for every driver (the MQTT ingest and the serial chiller
 * driver): the line and `device-error` alarms of the reported devices, the report itself, then the
 * threshold alarms. Alarms come before the state change, so whoever sees the change finds its alarm.
 * Each driver judges only the devices it reports. The interlocks are the caller's to run after it
 * (the MQTT path throttles them; the chiller driver runs them at once).
 */
export class DeviceReportService {
  constructor(
    private readonly devices: DeviceService,
    private readonly alarms: AlarmService,
  ) {}

  /**
   * `known` are the devices as the caller last saw them (name, kind, state): a report without a
   * state keeps the known one. Returns the devices whose state or online flag changed.
   */
  async settle(observed: DeviceObservation, known: readonly Device[]): Promise<Device[]> {
    const byId = new Map(known.map((d) => [d.id, d]));
    for (const [id, fault] of observed.lineFaults ?? []) {
      const device = byId.get(id);
      if (device) await this.alarms.sync(...lineFaultAlarm(device, fault));
    }
    for (const report of observed.reports) {
      const device = byId.get(report.id);
      if (device) await this.alarms.sync(...deviceErrorAlarm(device, report.state ?? device.state));
    }
    const changed = await this.devices.report(observed.reports);
    if (observed.readings && observed.readings.length > 0) {
      const states = new Map(changed.map((d) => [d.id, d.state]));
      const current = known.map((d) => (states.has(d.id) ? { ...d, state: states.get(d.id)! } : d));
      await evaluateThresholds(this.alarms, current, observed.readings);
    }
    return changed;
  }
}
