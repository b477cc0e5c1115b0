import { resolver, subgraphSchema, type SubgraphDefinition } from '@opshub/subgraph-kit';
import { AlarmResolver } from './alarm/alarm.resolver.js';
import { AlarmControlResolver } from './command/alarm-control.resolver.js';
import { CommandResolver } from './command/command.resolver.js';
import { DeviceControlResolver } from './command/device-control.resolver.js';
import { DeadLetterResolver } from './dead-letter/dead-letter.resolver.js';
import { deviceReference } from './device/device.reference.js';
import { DeviceResolver } from './device/device.resolver.js';
import { ModuleMapResolver } from './device/module-map.resolver.js';
import { ReadingResolver } from './reading/reading.resolver.js';
import {
  dqmRunReference,
  RunConditionResolver,
  RunConditionsResolver,
} from './run-conditions/run-conditions.resolver.js';
import { DqmRun } from './run-conditions/run-conditions.type.js';
import type { DcsServices } from './services.js';

const dcs: SubgraphDefinition<DcsServices> = {
  resolvers: [
    resolver(DeviceResolver, (s: DcsServices) => new DeviceResolver(s.devices)),
    resolver(ModuleMapResolver, (s: DcsServices) => new ModuleMapResolver(s.devices)),
    resolver(ReadingResolver, (s: DcsServices) => new ReadingResolver(s.readings, s.devices)),
    resolver(DeadLetterResolver, (s: DcsServices) => new DeadLetterResolver(s.deadLetters)),
    resolver(AlarmResolver, (s: DcsServices) => new AlarmResolver(s.alarms)),
    resolver(CommandResolver, (s: DcsServices) => new CommandResolver(s.commands)),
    resolver(DeviceControlResolver, (s: DcsServices) => new DeviceControlResolver(s.commands)),
    resolver(AlarmControlResolver, () => new AlarmControlResolver()),
    resolver(RunConditionsResolver, (s: DcsServices) => new RunConditionsResolver(s.readings)),
    resolver(RunConditionResolver, (s: DcsServices) => new RunConditionResolver(s.readings, s.devices)),
  ],
  // dcs adds `conditions` to dqm's runs; nothing of dcs returns a DqmRun, so it is listed here.
  orphanedTypes: [DqmRun],
  references: (s) => ({ ...deviceReference(s.devices), ...dqmRunReference() }),
};

/** The dcs subgraph over its services (`buildDcsSchema`), without them, and its SDL. */
export const { build: buildDcsSchema, buildOffline: buildOfflineSchema, printSdl } = subgraphSchema(dcs);
