import type { GraphQLResolveInfo } from 'graphql';
import { loaderFor, type SubgraphContext } from '@opshub/subgraph-kit';
import type { DeviceService } from './device.service.js';
import type { Device } from './device.type.js';

/** Resolves `Device` entities for other subgraphs, batched per request. */
export function deviceReference(devices: DeviceService) {
  return {
    Device: {
      __resolveReference: (
        ref: { id: string },
        ctx: SubgraphContext,
        info: GraphQLResolveInfo,
      ): Promise<Device | null> =>
        loaderFor(ctx, info, 'device', (ids: string[]) => devices.byIds(ids)).load(ref.id),
    },
  };
}
