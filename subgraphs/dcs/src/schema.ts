import { buildFederatedSchema, Container, type BuiltSubgraph } from '@opshub/subgraph-kit';
import { deviceReference } from './device/device.reference.js';
import { DeviceResolver } from './device/device.resolver.js';
import type { DcsServices } from './services.js';

export function buildDcsSchema(services: DcsServices): Promise<BuiltSubgraph> {
  const container = new Container().set(DeviceResolver, new DeviceResolver(services.devices));
  return buildFederatedSchema({
    resolvers: [DeviceResolver],
    references: deviceReference(services.devices),
    container,
  });
}
