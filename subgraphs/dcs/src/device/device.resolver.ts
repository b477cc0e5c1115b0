import { Args, Authorized, Query, Resolver } from 'type-graphql';
import { DeviceArgs, DevicesArgs } from './device.input.js';
import type { DeviceService } from './device.service.js';
import { Device } from './device.type.js';

@Resolver(() => Device)
export class DeviceResolver {
  constructor(private readonly service: DeviceService) {}

  @Authorized()
  @Query(() => [Device], { description: 'Every device, sorted by kind then name.' })
  devices(@Args() { kind }: DevicesArgs): Promise<Device[]> {
    return this.service.list(kind ?? undefined);
  }

  @Authorized()
  @Query(() => Device, { nullable: true, description: 'One device; null when unknown.' })
  device(@Args() { id }: DeviceArgs): Promise<Device | null> {
    return this.service.byId(id);
  }
}
