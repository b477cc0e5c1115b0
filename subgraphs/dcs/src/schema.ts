import { buildFederatedSchema, Container, type BuiltSubgraph } from '@opshub/subgraph-kit';
import { AlarmResolver } from './alarm/alarm.resolver.js';
import { CommandResolver } from './command/command.resolver.js';
import { DeadLetterResolver } from './dead-letter/dead-letter.resolver.js';
import { deviceReference } from './device/device.reference.js';
import { DeviceResolver } from './device/device.resolver.js';
import { ModuleMapResolver } from './device/module-map.resolver.js';
import { ReadingResolver } from './reading/reading.resolver.js';
import { servicesOfSchema } from './schema-services.js';
import type { DcsServices } from './services.js';

export async function buildDcsSchema(services: DcsServices): Promise<BuiltSubgraph> {
  const container = new Container()
    .set(DeviceResolver, new DeviceResolver(services.devices))
    .set(ModuleMapResolver, new ModuleMapResolver(services.devices))
    .set(ReadingResolver, new ReadingResolver(services.readings))
    .set(DeadLetterResolver, new DeadLetterResolver(services.deadLetters))
    .set(AlarmResolver, new AlarmResolver(services.alarms))
    .set(CommandResolver, new CommandResolver(services.commands));
  const built = await buildFederatedSchema({
    resolvers: [
      DeviceResolver,
      ModuleMapResolver,
      ReadingResolver,
      DeadLetterResolver,
      AlarmResolver,
      CommandResolver,
    ],
    references: deviceReference(services.devices),
    container,
  });
  servicesOfSchema.set(built.schema, services);
  return built;
}
