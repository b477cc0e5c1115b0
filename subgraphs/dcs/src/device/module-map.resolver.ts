import { Arg, Authorized, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { DeviceService } from './device.service.js';
import { formatModuleMap, moduleMapDevices, parseModuleMap } from './module-map.js';

/** The CAEN module map as YAML (the tracker DCS's file): export for everyone, import for admins. */
@Resolver()
export class ModuleMapResolver {
  constructor(private readonly devices: DeviceService) {}

  @Authorized()
  @Query(() => String, {
    description: 'The registered power-supply channels as a module map (YAML), with their defaults.',
  })
  async moduleMap(): Promise<string> {
    return formatModuleMap(await this.devices.configured());
  }

  @Authorized('ADMIN')
  @Mutation(() => Int, {
    description:
      'Registers (creates or re-describes) the LV and HV channel of every module in a module map (YAML); returns how many channels. Channels not in the map are kept.',
  })
  importModuleMap(@Arg('yaml') yaml: string): Promise<number> {
    return this.devices.register(moduleMapDevices(parseModuleMap(yaml)));
  }
}
