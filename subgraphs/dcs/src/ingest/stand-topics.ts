import { moduleState } from '../caen/module-fsm.js';
import { chillerStateOf } from '../chiller/julabo-protocol.js';
import type { DeviceReport } from '../device/device.service.js';
import type { ReadingRow } from '../reading/reading.repository.js';

/** A message the bridge cannot use; `reason` goes to the dead-letter table. */
export class MalformedMessage extends Error {
  override readonly name: string = 'MalformedMessage';
}

/** A message about a device that is not registered (maybe registered since the caller last looked). */
export class UnknownDeviceError extends MalformedMessage {
  override readonly name = 'UnknownDeviceError';

  constructor(readonly deviceId: string) {
    super(`unknown device ${deviceId}`);
  }
}

export interface Parsed {
  readings: ReadingRow[];
  reports: DeviceReport[];
}

/** The MQTT topics the bridge subscribes to, under `root` (domains.md §3). */
export function standSubscriptions(root: string): string[] {
  const r = root ? `${root}/` : '';
  return [`${r}dcs/status`, `${r}dcs/channels`, `${r}julabo/status`, `${r}+/sensors/#`];
}

const num = (v: unknown, field: string): number => {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new MalformedMessage(`${field} is not a number`);
  return v;
};

const json = (payload: string): unknown => {
  try {
    return JSON.parse(payload);
  } catch {
    throw new MalformedMessage('payload is not JSON');
  }
};

/** One segment of a sensor metric name (`BME/temp` has two). */
const METRIC_SEGMENT = /^[A-Za-z0-9_.-]{1,64}$/;
/** Most segments in a sensor metric, and most characters in all (the series index has a row limit). */
export const MAX_METRIC_SEGMENTS = 4;
export const MAX_METRIC_LENGTH = 128;

/** The metric of a `<device>/sensors/<metric>` topic, checked: a bounded name of safe characters. */
export function sensorMetric(metric: string): string {
  const shown = JSON.stringify(metric.slice(0, 40)) + (metric.length > 40 ? '…' : '');
  if (metric.length > MAX_METRIC_LENGTH)
    throw new MalformedMessage(`metric name too long (${metric.length} > ${MAX_METRIC_LENGTH}): ${shown}`);
  const segments = metric.split('/');
  if (segments.length > MAX_METRIC_SEGMENTS)
    throw new MalformedMessage(`metric name has more than ${MAX_METRIC_SEGMENTS} segments: ${shown}`);
  if (!segments.every((s) => METRIC_SEGMENT.test(s) && s !== '.' && s !== '..'))
    throw new MalformedMessage(`metric name is not [A-Za-z0-9_.-]{1,64} per segment: ${shown}`);
  return metric;
}

/** A plain decimal number (optional sign, fraction, exponent): no hex, binary, NaN, Infinity or ''. */
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d{1,3})?$/;

/** A sensor payload as its value, or MalformedMessage (also for values beyond a double, `1e400`). */
export function decimal(payload: string): number {
  const text = payload.trim();
  const value = text.length <= 64 && DECIMAL.test(text) ? Number(text) : NaN;
  if (!Number.isFinite(value))
    throw new MalformedMessage(`sensor value is not a number: ${JSON.stringify(text.slice(0, 40))}`);
  return value;
}

/**
 * Turns one message into readings and device reports, or throws MalformedMessage. `known` says
 * whether a device id is registered: readings of unknown devices are dead-lettered, not dropped.
 */
export function parseStandMessage(
  root: string,
  topic: string,
  payload: string,
  at: Date,
  known: (id: string) => boolean,
): Parsed {
  const prefix = root ? `${root}/` : '';
  if (!topic.startsWith(prefix)) throw new MalformedMessage(`topic outside the root ${root}`);
  const rest = topic.slice(prefix.length);
  const device = (id: string): string => {
    if (!known(id)) throw new UnknownDeviceError(id);
    return id;
  };

  if (rest === 'dcs/status') {
    const body = json(payload) as { fsm_state?: unknown } | null;
    if (!body || typeof body.fsm_state !== 'string') throw new MalformedMessage('fsm_state is missing');
    // The system state is recomputed from the channels; this message only proves the supply is alive.
    return { readings: [], reports: [] };
  }

  if (rest === 'dcs/channels') {
    const body = json(payload);
    if (!Array.isArray(body)) throw new MalformedMessage('dcs/channels is not a list');
    const out: Parsed = { readings: [], reports: [] };
    body.forEach((c: Record<string, unknown> | null, i) => {
      if (!c || typeof c !== 'object' || typeof c['module'] !== 'string')
        throw new MalformedMessage(`channel ${i} has no module`);
      const module = c['module'];
      const lv = device(`${module}/lv`);
      const hv = device(`${module}/hv`);
      const lvStatus = num(c['lv_status'], `${module} lv_status`);
      const hvStatus = num(c['hv_status'], `${module} hv_status`);
      const lvVMon = num(c['lv_vMon'], `${module} lv_vMon`);
      const hvVMon = num(c['hv_vMon'], `${module} hv_vMon`);
      const state = moduleState({ status: lvStatus, vMon: lvVMon }, { status: hvStatus, vMon: hvVMon });
      const add = (deviceId: string, metric: string, value: unknown) =>
        out.readings.push({ deviceId, metric, value: num(value, `${deviceId} ${metric}`), at });
      add(lv, 'status', lvStatus);
      add(lv, 'vMon', lvVMon);
      add(lv, 'iMon', c['lv_iMon']);
      add(lv, 'v0Set', c['lv_setV']);
      add(lv, 'i0Set', c['lv_maxI']);
      if (c['lv_temp'] !== undefined) add(lv, 'temperature', c['lv_temp']);
      add(hv, 'status', hvStatus);
      add(hv, 'vMon', hvVMon);
      add(hv, 'iMon', c['hv_iMon']);
      add(hv, 'v0Set', c['hv_setV']);
      add(hv, 'i0Set', c['hv_maxI']);
      out.reports.push({ id: lv, state, seenAt: at }, { id: hv, state, seenAt: at });
    });
    return out;
  }

  if (rest === 'julabo/status') {
    const body = json(payload) as Record<string, unknown> | null;
    if (!body || typeof body !== 'object') throw new MalformedMessage('julabo/status is not an object');
    const id = device('julabo');
    const code = num(body['status_code'], 'status_code');
    const readings: ReadingRow[] = [
      { deviceId: id, metric: 'temperature', value: num(body['internal_temp'], 'internal_temp'), at },
      { deviceId: id, metric: 'externalTemperature', value: num(body['external_temp'], 'external_temp'), at },
      { deviceId: id, metric: 'power', value: num(body['power'], 'power'), at },
    ];
    return { readings, reports: [{ id, state: chillerStateOf(code), seenAt: at }] };
  }

  const sensor = /^([^/]+)\/sensors\/(.+)$/.exec(rest);
  if (sensor) {
    const id = device(sensor[1]!);
    const metric = sensorMetric(sensor[2]!);
    const value = decimal(payload);
    return {
      readings: [{ deviceId: id, metric, value, at }],
      reports: [{ id, state: 'CONNECTED', seenAt: at }],
    };
  }

  throw new MalformedMessage(`no handler for topic ${rest}`);
}
