import type { Db } from '@opshub/db';
import { DeviceRepository } from './device/device.repository.js';
import { DeviceService } from './device/device.service.js';

export interface DcsServices {
  devices: DeviceService;
}

/** The composition root of the dcs domain, shared by the subgraph, the seed and the workers. */
export function createDcsServices(db: Db): DcsServices {
  return { devices: new DeviceService(new DeviceRepository(db)) };
}
