import { BadUserInputError } from '@opshub/errors';
import type { EventBus, Outbox } from '@opshub/events';
import { DCS_STREAMS, deviceOfEvent, deviceStateChangedOf, type DeviceStateChangedEvent } from '../events.js';
import type { DeviceInput } from './device.input.js';
import { toDevice } from './device.mapper.js';
import type { DeviceConfig, DeviceRepository } from './device.repository.js';
import type { Device } from './device.type.js';
import { DeviceKind } from './device-kind.js';

const LAST_SEEN_RESOLUTION_MS = 1_000;

const STREAM = DCS_STREAMS.deviceStateChanged;

const DEVICE_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]*(\/[A-Za-z0-9_.-]+)*$/;

/** What a device reported (or what its driver concluded): a new state and/or a sign of life. */
export interface DeviceReport {
  id: string;
  state?: string;
  /** When it was heard from; omitted for a state change without contact (e.g. a dead line). */
  seenAt?: Date;
  /** Set false when the device stopped answering. */
  online?: boolean;
}

export class DeviceService {
  constructor(
    private readonly devices: DeviceRepository,
    private readonly outbox: Outbox,
    private readonly events: EventBus,
  ) {}

  async byId(id: string): Promise<Device | null> {
    const row = await this.devices.findById(id);
    return row ? toDevice(row) : null;
  }

  async byIds(ids: readonly string[]): Promise<Map<string, Device>> {
    return new Map((await this.devices.findByIds(ids)).map((r) => [r.id, toDevice(r)]));
  }

  async list(kind?: DeviceKind): Promise<Device[]> {
    return (await this.devices.list(kind)).map(toDevice);
  }

  /** Every device with its settings (for the drivers, the interlocks and the bridge). */
  async configured(): Promise<(Device & { config: Record<string, unknown> })[]> {
    return (await this.devices.list()).map((r) => ({
      ...toDevice(r),
      config: (r.config ?? {}) as Record<string, unknown>,
    }));
  }

  /** The device's own settings (board/channel, defaults, topics…), for the workers that drive it. */
  configOf(id: string): Promise<DeviceConfig | null> {
    return this.devices.configOf(id);
  }

  /** Registers devices (seed, discovery); existing ones get the new name, kind and config. */
  async register(devices: readonly DeviceInput[]): Promise<number> {
    devices.forEach((d, i) => {
      if (!DEVICE_ID.test(d.id))
        throw new BadUserInputError(`devices[${i}].id is not a device id: ${d.id}`, { field: 'id' });
      if (!Object.values(DeviceKind).includes(d.kind))
        throw new BadUserInputError(`devices[${i}].kind is unknown`, { field: 'kind' });
      if (!d.name.trim()) throw new BadUserInputError(`devices[${i}].name is empty`, { field: 'name' });
    });
    await this.devices.upsert(devices);
    return devices.length;
  }

  /**
   * Applies reports (the bridge sends one per device per batch); announces each device whose state
   * or online flag changed, through the dcs outbox (a Redis outage delays the event, never loses it).
   * Returns the devices that changed.
   */
  async report(reports: readonly DeviceReport[]): Promise<Device[]> {
    if (reports.length === 0) return [];
    const rows = new Map((await this.devices.findByIds(reports.map((r) => r.id))).map((r) => [r.id, r]));
    const changed: { device: Device; outboxId: bigint }[] = [];
    for (const report of reports) {
      const row = rows.get(report.id);
      if (!row) continue;
      const state = report.state ?? row.state;
      const online = report.online ?? (report.seenAt ? true : row.online);
      const lastSeenAt =
        report.seenAt && (!row.lastSeenAt || report.seenAt > row.lastSeenAt) ? report.seenAt : row.lastSeenAt;
      // A sign of life alone is written at most once a second: the bridge reports every batch.
      const fresh =
        lastSeenAt !== null &&
        (row.lastSeenAt === null ||
          lastSeenAt.getTime() - row.lastSeenAt.getTime() >= LAST_SEEN_RESOLUTION_MS);
      if (state === row.state && online === row.online) {
        if (fresh) await this.devices.update(row.id, { state, online, lastSeenAt });
        continue;
      }
      const { row: updated, outboxId } = await this.devices.changeState(
        row.id,
        { state, online, lastSeenAt },
        STREAM,
        (r) => deviceStateChangedOf(r, row.state),
      );
      changed.push({ device: toDevice(updated), outboxId });
    }
    for (const { outboxId } of changed) await this.outbox.publishThrough(outboxId, STREAM);
    return changed.map((c) => c.device);
  }

  /** Marks devices not heard from since `before` offline. */
  async markSilent(before: Date): Promise<Device[]> {
    const silent = await this.devices.silentSince(before);
    return this.report(silent.map((r) => ({ id: r.id, online: false })));
  }

  /** Device changes as they are published; with `after` (an eventId), the missed ones first. */
  async subscribe(deviceId?: string, after?: string): Promise<AsyncIterable<Device>> {
    const source = await this.events.subscribe<DeviceStateChangedEvent>(STREAM, after ? { after } : {});
    async function* devices(): AsyncGenerator<Device> {
      for await (const e of source) if (!deviceId || e.payload.id === deviceId) yield deviceOfEvent(e);
    }
    return devices();
  }
}
