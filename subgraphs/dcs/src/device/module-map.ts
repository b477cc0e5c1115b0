import { BadUserInputError } from '@opshub/errors';
import { Document, isScalar, parse, visit } from 'yaml';
import type { DeviceInput } from './device.input.js';
import { CHANNEL_DEFAULTS } from './device.seed.js';
import { DeviceKind } from './device-kind.js';

/**
 * The module map of the CAEN supply as the tracker DCS keeps it (a YAML file next to dcs.py): one
 * entry per tracker channel with its LV and HV (board, channel) pair and the detector module, plus
 * the defaults every channel starts with.
 *
 * ```yaml
 * defaults:
 *   lv: { setVolts: 12, maxCurrentA: 2.5 }
 *   hv: { setVolts: 200, maxCurrentUA: 500, rampUpVoltsPerSecond: 50, rampDownVoltsPerSecond: 50 }
 * channels:
 *   - { id: 0, module: module-1, lv: [0, 0], hv: [12, 0] }
 * ```
 */
export interface ModuleMap {
  defaults: { lv: Record<string, number>; hv: Record<string, number> };
  channels: { id: number; module: string; lv: [number, number]; hv: [number, number] }[];
}

const LV = { boards: [0, 4], channels: [0, 7] } as const;
const HV = { boards: [12, 15], channels: [0, 11] } as const;
const MODULE = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

function pair(value: unknown, where: string, limits: typeof LV | typeof HV): [number, number] {
  const ok =
    Array.isArray(value) &&
    value.length === 2 &&
    value.every((v) => Number.isInteger(v)) &&
    value[0] >= limits.boards[0] &&
    value[0] <= limits.boards[1] &&
    value[1] >= limits.channels[0] &&
    value[1] <= limits.channels[1];
  if (!ok) {
    throw new BadUserInputError(
      `${where} must be [board, channel] with board ${limits.boards.join('–')} and channel ${limits.channels.join('–')}`,
      { field: where },
    );
  }
  return value as [number, number];
}

function numbers(value: unknown, where: string): Record<string, number> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value))
    throw new BadUserInputError(`${where} must be a map of numbers`, { field: where });
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== 'number' || !Number.isFinite(v))
      throw new BadUserInputError(`${where}.${k} must be a number`, { field: `${where}.${k}` });
  }
  return value as Record<string, number>;
}

/** Parses and checks a module map; the defaults fall back to CHANNEL_DEFAULTS. */
export function parseModuleMap(text: string): ModuleMap {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (error) {
    throw new BadUserInputError(`Not YAML: ${(error as Error).message}`, { field: 'yaml' });
  }
  const root = (doc ?? {}) as { defaults?: { lv?: unknown; hv?: unknown }; channels?: unknown };
  if (!Array.isArray(root.channels) || root.channels.length === 0)
    throw new BadUserInputError('channels must be a non-empty list', { field: 'channels' });
  const defaults = {
    lv: { ...CHANNEL_DEFAULTS.lv, ...numbers(root.defaults?.lv, 'defaults.lv') },
    hv: { ...CHANNEL_DEFAULTS.hv, ...numbers(root.defaults?.hv, 'defaults.hv') },
  };
  const seen = {
    ids: new Set<number>(),
    modules: new Set<string>(),
    lv: new Set<string>(),
    hv: new Set<string>(),
  };
  const channels = (root.channels as Record<string, unknown>[]).map((c, i) => {
    const where = `channels[${i}]`;
    const id = c?.['id'] ?? i;
    if (!Number.isInteger(id))
      throw new BadUserInputError(`${where}.id must be an integer`, { field: `${where}.id` });
    const module = String(c?.['module'] ?? `module-${Number(id) + 1}`);
    if (!MODULE.test(module))
      throw new BadUserInputError(`${where}.module is not a module name: ${module}`, {
        field: `${where}.module`,
      });
    const lv = pair(c?.['lv'], `${where}.lv`, LV);
    const hv = pair(c?.['hv'], `${where}.hv`, HV);
    for (const [set, key, what] of [
      [seen.ids, id, 'id'],
      [seen.modules, module, 'module'],
      [seen.lv, lv.join('/'), 'lv'],
      [seen.hv, hv.join('/'), 'hv'],
    ] as const) {
      if ((set as Set<unknown>).has(key))
        throw new BadUserInputError(`${where}.${what} is used twice: ${String(key)}`, {
          field: `${where}.${what}`,
        });
      (set as Set<unknown>).add(key);
    }
    return { id: id as number, module, lv, hv };
  });
  return { defaults, channels };
}

/** The map's channels as devices to register (`module/lv`, `module/hv`). */
export function moduleMapDevices(map: ModuleMap): DeviceInput[] {
  return map.channels.flatMap((c) => {
    const label = c.module.replace(/^module-/, 'Module ');
    return [
      {
        id: `${c.module}/lv`,
        name: `${label} LV`,
        kind: DeviceKind.POWER_SUPPLY_CHANNEL,
        config: {
          module: c.module,
          supply: 'LV',
          board: c.lv[0],
          channel: c.lv[1],
          trackerChannel: c.id,
          ...map.defaults.lv,
        },
      },
      {
        id: `${c.module}/hv`,
        name: `${label} HV`,
        kind: DeviceKind.POWER_SUPPLY_CHANNEL,
        config: {
          module: c.module,
          supply: 'HV',
          board: c.hv[0],
          channel: c.hv[1],
          trackerChannel: c.id,
          ...map.defaults.hv,
        },
      },
    ];
  });
}

/** The map of the registered channels, as YAML. */
export function formatModuleMap(
  devices: readonly { id: string; kind: string; config: Record<string, unknown> }[],
): string {
  const byModule = new Map<string, { lv?: Record<string, unknown>; hv?: Record<string, unknown> }>();
  for (const d of devices.filter((x) => x.kind === DeviceKind.POWER_SUPPLY_CHANNEL)) {
    const module = String(d.config['module'] ?? d.id.split('/')[0]);
    const entry = byModule.get(module) ?? {};
    if (d.config['supply'] === 'LV') entry.lv = d.config;
    else entry.hv = d.config;
    byModule.set(module, entry);
  }
  const pick = (config: Record<string, unknown> | undefined, keys: readonly string[]) =>
    Object.fromEntries(keys.filter((k) => typeof config?.[k] === 'number').map((k) => [k, config![k]]));
  const entries = [...byModule.entries()].filter(([, e]) => e.lv && e.hv);
  const channels = entries
    .map(([module, e], i) => ({
      id: Number(e.lv!['trackerChannel'] ?? e.lv!['channel'] ?? i),
      module,
      lv: [Number(e.lv!['board']), Number(e.lv!['channel'])],
      hv: [Number(e.hv!['board']), Number(e.hv!['channel'])],
    }))
    .sort((a, b) => a.id - b.id);
  const first = entries[0]?.[1];
  const doc = {
    defaults: {
      lv: pick(first?.lv, Object.keys(CHANNEL_DEFAULTS.lv)),
      hv: pick(first?.hv, Object.keys(CHANNEL_DEFAULTS.hv)),
    },
    channels,
  };
  const yaml = new Document(doc);
  // [board, channel] pairs on one line, as people write them.
  visit(yaml, {
    Seq: (_, node) => {
      if (node.items.length === 2 && node.items.every((item) => isScalar(item))) node.flow = true;
    },
  });
  return yaml.toString();
}
