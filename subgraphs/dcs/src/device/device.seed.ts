import { createLogger } from '@opshub/config';
import { OutboxTable, type Db, type Tx } from '@opshub/db';
import { EventBus, Outbox } from '@opshub/events';
import type { DeviceInput } from './device.input.js';
import { DeviceRepository } from './device.repository.js';
import { DeviceService } from './device.service.js';
import { DeviceKind } from './device-kind.js';

const MODULES = 4;
const LV_BOARD = 0;
const HV_BOARD = 12;
const SENSORS = ['ESP01', 'ESP02', 'ESP03'];

/** Defaults of the module map (domains.md §3): LV 12 V, 2.5 A; HV 200 V, 500 µA, 50 V/s. */
export const CHANNEL_DEFAULTS = {
  lv: { setVolts: 12, maxCurrentA: 2.5 },
  hv: { setVolts: 200, maxCurrentUA: 500, rampUpVoltsPerSecond: 50, rampDownVoltsPerSecond: 50 },
} as const;

const SENSOR_METRICS = [
  'DS/temp',
  'BME/temp',
  'BME/humi',
  'BME/dew',
  'SCD30/co2',
  'SCD30/temp',
  'SCD30/humi',
];

/** The Louvain test stand: one Julabo chiller, LV + HV channels for 4 detector modules, 3 sensor boards. */
export function demoDevices(): DeviceInput[] {
  const chiller: DeviceInput = {
    id: 'julabo',
    name: 'Julabo chiller',
    kind: DeviceKind.CHILLER,
    config: {
      // JULABO_PORT overrides the path (the simulated stand's pty); the rest are the real line's settings.
      serial: {
        path: '/dev/ttyUSB0',
        baudRate: 4800,
        dataBits: 7,
        parity: 'even',
        stopBits: 1,
        rtscts: true,
      },
      pollSeconds: 5,
      commandGapMs: 250,
      answerTimeoutMs: 1000,
      mqttTopic: 'julabo',
      statusIntervalSeconds: 5,
      setpoints: 3,
      temperatureRange: { min: -50, max: 50 },
    },
  };
  const channels: DeviceInput[] = [];
  for (let m = 1; m <= MODULES; m++) {
    const module = `module-${m}`;
    channels.push(
      {
        id: `${module}/lv`,
        name: `Module ${m} LV`,
        kind: DeviceKind.POWER_SUPPLY_CHANNEL,
        config: { module, supply: 'LV', board: LV_BOARD, channel: m - 1, ...CHANNEL_DEFAULTS.lv },
      },
      {
        id: `${module}/hv`,
        name: `Module ${m} HV`,
        kind: DeviceKind.POWER_SUPPLY_CHANNEL,
        config: { module, supply: 'HV', board: HV_BOARD, channel: m - 1, ...CHANNEL_DEFAULTS.hv },
      },
    );
  }
  const sensors: DeviceInput[] = SENSORS.map((id) => ({
    id,
    name: `Environment sensor ${id}`,
    kind: DeviceKind.SENSOR,
    config: { topicRoot: `${id}/sensors`, metrics: SENSOR_METRICS },
  }));
  return [chiller, ...channels, ...sensors];
}

/**
 * Registers the test stand's 12 devices (idempotent). Returns how many. Registering changes no
 * device's state, so it publishes nothing: the seed's event bus is one that never connects.
 */
export async function seedDcsDemo(db: Db): Promise<number> {
  const events = EventBus.unconnected('redis://127.0.0.1:1', 'seed');
  const outbox = new Outbox<Tx>(
    new OutboxTable(db, 'dcs.outbox'),
    events,
    createLogger('dcs-seed', 'silent'),
  );
  try {
    return await new DeviceService(new DeviceRepository(db, outbox), outbox, events).register(demoDevices());
  } finally {
    await events.close();
  }
}
