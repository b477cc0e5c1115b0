import { loaderFor, type SubgraphContext } from '@opshub/subgraph-kit';
import type { GraphQLResolveInfo } from 'graphql';
import { Authorized, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import { Device } from '../device/device.type.js';
import type { CommandService } from './command.service.js';
import type { GuardView, PowerSupplyView } from './device-control.service.js';
import { DeviceControl, PowerSupply } from './device-control.type.js';
import type { ControlView } from './device-controls.js';

/** What the caller may command now, and why not: the guards of the mutations, run dry. */
@Resolver(() => Device)
export class DeviceControlResolver {
  constructor(private readonly commands: CommandService) {}

  /** One read of the stand per request (and per subscription event), however many devices ask. */
  private view(ctx: SubgraphContext, info: GraphQLResolveInfo): Promise<GuardView> {
    return loaderFor(ctx, info, 'dcs-guard-view', async (keys: string[]) => {
      const view = await this.commands.controls.guardView();
      return new Map(keys.map((k) => [k, view]));
    })
      .load('stand')
      .then((v) => v ?? this.commands.controls.guardView());
  }

  @FieldResolver(() => [DeviceControl], {
    description:
      "The device's commands for the caller: allowed now, or why not (FSM, interlock or role), with their ranges. The page offers exactly the allowed ones.",
  })
  async controls(
    @Root() device: Device,
    @Ctx() ctx: SubgraphContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ControlView[]> {
    return this.commands.controls.controlsOf(device, await this.view(ctx, info), ctx.user);
  }

  @Authorized()
  @Query(() => PowerSupply, { description: 'The LV/HV supply: its system state, modules and switches.' })
  async powerSupply(@Ctx() ctx: SubgraphContext, @Info() info: GraphQLResolveInfo): Promise<PowerSupplyView> {
    return this.commands.controls.powerSupply(await this.view(ctx, info), ctx.user);
  }
}
