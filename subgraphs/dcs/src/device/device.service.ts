import type { Prisma } from '@opshub/db';
import { BadUserInputError } from '@opshub/errors';
import type { DeviceInput } from './device.input.js';
import type { DeviceRepository, DeviceRow } from './device.repository.js';
import type { Device } from './device.type.js';
import { DeviceKind } from './device-kind.js';

const DEVICE_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]*(\/[A-Za-z0-9_.-]+)*$/;

export function toDevice(row: DeviceRow): Device {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as DeviceKind,
    state: row.state,
    online: row.online,
    lastSeenAt: row.lastSeenAt,
  };
}

export class DeviceService {
  constructor(private readonly devices: DeviceRepository) {}

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

  /** The device's own settings (board/channel, defaults, topics…), for the workers that drive it. */
  async configOf(id: string): Promise<Prisma.JsonValue | null> {
    return (await this.devices.findById(id))?.config ?? null;
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
    await this.devices.upsert(devices.map((d) => ({ ...d, config: d.config as Prisma.InputJsonValue })));
    return devices.length;
  }
}
