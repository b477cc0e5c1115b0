import { systemState, type ModuleState, type SystemState } from '../caen/module-fsm.js';
import type { DeviceService } from '../device/device.service.js';
import { DeviceKind } from '../device/device-kind.js';
import type { ReadingService } from '../reading/reading.service.js';

export interface ModuleSnapshot {
  module: string;
  state: ModuleState;
  lvChannel: number | null;
  hvChannel: number | null;
  /** °C, from the LV board. */
  temperature: number | null;
}

/** What the interlocks and the command guards look at: the stand as last reported. */
export interface StandSnapshot {
  chillers: { id: string; state: string; bathTemperature: number | null }[];
  modules: ModuleSnapshot[];
  system: SystemState;
  /** The highest dew point any environment sensor reports, °C. */
  dewPoint: number | null;
}

export const DEW_METRIC = 'BME/dew';

export async function standSnapshot(
  devices: DeviceService,
  readings: ReadingService,
): Promise<StandSnapshot> {
  const [all, latest] = await Promise.all([devices.configured(), readings.latestAll()]);
  const value = (deviceId: string, metric: string): number | null =>
    latest.find((r) => r.deviceId === deviceId && r.metric === metric)?.value ?? null;
  const chillers = all
    .filter((d) => d.kind === DeviceKind.CHILLER)
    .map((d) => ({ id: d.id, state: d.state, bathTemperature: value(d.id, 'temperature') }));
  const modules = new Map<string, ModuleSnapshot>();
  for (const d of all.filter((x) => x.kind === DeviceKind.POWER_SUPPLY_CHANNEL)) {
    const name = String(d.config['module'] ?? d.id.split('/')[0]);
    const m = modules.get(name) ?? {
      module: name,
      state: d.state as ModuleState,
      lvChannel: null,
      hvChannel: null,
      temperature: null,
    };
    // The supply's command topics address the tracker channel (its place in the module map).
    const index = d.config['trackerChannel'] ?? d.config['channel'];
    const channel = typeof index === 'number' ? index : null;
    if (d.config['supply'] === 'LV') {
      m.lvChannel = channel;
      m.temperature = value(d.id, 'temperature');
      m.state = d.state as ModuleState;
    } else {
      m.hvChannel = channel;
    }
    modules.set(name, m);
  }
  const dews = latest.filter((r) => r.metric === DEW_METRIC).map((r) => r.value);
  return {
    chillers,
    modules: [...modules.values()],
    system: systemState([...modules.values()].map((m) => m.state)),
    dewPoint: dews.length > 0 ? Math.max(...dews) : null,
  };
}
