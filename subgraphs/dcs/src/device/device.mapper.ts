import type { DeviceRow } from './device.repository.js';
import type { Device } from './device.type.js';

/** What the GraphQL `Device` is made of: a row, or a `deviceStateChanged` event read back. */
export type DeviceFields = Pick<DeviceRow, 'id' | 'name' | 'kind' | 'state' | 'online' | 'lastSeenAt'>;

/** The one row → GraphQL mapping of a device, for the queries and the event path alike. */
export function toDevice(row: DeviceFields): Device {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    state: row.state,
    online: row.online,
    lastSeenAt: row.lastSeenAt,
  };
}
