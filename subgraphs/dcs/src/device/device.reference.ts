import { loaderFor, type SubgraphContext } from '@opshub/subgraph-kit';
import type { DeviceService } from './device.service.js';
import type { Device } from './device.type.js';

/** Resolves `Device` entities for other subgraphs, batched per request. */
export function deviceReference(devices: DeviceService) {
  return {
    Device: {
      __resolveReference: (ref: { id: string }, ctx: SubgraphContext): Promise<Device | null> =>
        loaderFor(ctx, 'device', (ids: string[]) => devices.byIds(ids)).load(ref.id),
    },
  };
}
