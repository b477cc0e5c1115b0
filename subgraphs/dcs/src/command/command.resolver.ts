import { PageArgs, type ConnectionShape, type SubgraphContext } from '@opshub/subgraph-kit';
import {
  Arg,
  Args,
  ArgsType,
  Authorized,
  Ctx,
  Field,
  Float,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
} from 'type-graphql';
import { Interlock } from '../interlock/interlock.type.js';
import type { CommandService } from './command.service.js';
import { COMMAND_ROLE } from './device-controls.js';
import { Command, CommandConnection, CommandResult, SupplyKind } from './command.type.js';

@ArgsType()
class SetChillerSetpointArgs {
  @Field(() => ID)
  deviceId: string;

  @Field(() => Int, { nullable: true, description: 'Which setpoint, 1–3 (default 1).' })
  setpoint?: number | null;

  @Field(() => Float, { description: '°C, −50 to 50 (see the control’s `limits`).' })
  temperature: number;
}

@ArgsType()
class SetChannelVoltageArgs {
  @Field(() => ID, { description: 'The module (`module-1`) or one of its channels (`module-1/hv`).' })
  channelId: string;

  @Field(() => SupplyKind)
  kind: SupplyKind;

  @Field(() => Float, { description: 'V0Set: LV 0–15 V, HV 0–500 V.' })
  volts: number;
}

@ArgsType()
class CommandsArgs extends PageArgs {
  @Field(() => ID, {
    nullable: true,
    description: 'Only the commands of this device (or channel, e.g. `module-1/hv`).',
  })
  deviceId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Only commands of this kind, e.g. `switchHighVoltage`.',
  })
  kind?: string | null;
}

@Resolver()
export class CommandResolver {
  constructor(private readonly service: CommandService) {}

  @Authorized()
  @Query(() => [Interlock], { description: 'Every interlock with its state now.' })
  interlocks(): Promise<Interlock[]> {
    return this.service.interlocks();
  }

  @Authorized()
  @Query(() => CommandConnection, {
    description: 'The command history, newest first: who issued what, its deadline and what came of it.',
  })
  commands(@Args() args: CommandsArgs): Promise<ConnectionShape<Command>> {
    return this.service.history(args);
  }

  @Authorized()
  @Query(() => CommandConnection, {
    description: "One device's command history, newest first: who issued what, when, and the result.",
  })
  deviceCommands(
    @Arg('deviceId', () => ID, { description: 'The device (or channel, e.g. `module-1/hv`).' })
    deviceId: string,
    @Args() page: PageArgs,
  ): Promise<ConnectionShape<Command>> {
    return this.service.history({ ...page, deviceId });
  }

  @Authorized(COMMAND_ROLE)
  @Mutation(() => CommandResult, {
    description: 'Writes a chiller setpoint (1–3, default 1) and reads it back.',
  })
  setChillerSetpoint(
    @Args() { deviceId, setpoint, temperature }: SetChillerSetpointArgs,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CommandResult> {
    return this.service.setChillerSetpoint(deviceId, setpoint, temperature, ctx.user!, ctx.requestId);
  }

  @Authorized(COMMAND_ROLE)
  @Mutation(() => CommandResult, { description: 'Starts the chiller (from OFF) and reads its status back.' })
  startChiller(
    @Arg('deviceId', () => ID) deviceId: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CommandResult> {
    return this.service.startChiller(deviceId, ctx.user!, ctx.requestId);
  }

  @Authorized(COMMAND_ROLE)
  @Mutation(() => CommandResult, {
    description: 'Stops the chiller (from ON); HV, if on, is ramped down by the interlock.',
  })
  stopChiller(
    @Arg('deviceId', () => ID) deviceId: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CommandResult> {
    return this.service.stopChiller(deviceId, ctx.user!, ctx.requestId);
  }

  @Authorized(COMMAND_ROLE)
  @Mutation(() => CommandResult, { description: 'LV of every module; never off under HV.' })
  switchLowVoltage(@Arg('on') on: boolean, @Ctx() ctx: SubgraphContext): Promise<CommandResult> {
    return this.service.switchLowVoltage(on, ctx.user!, ctx.requestId);
  }

  @Authorized(COMMAND_ROLE)
  @Mutation(() => CommandResult, {
    description: 'HV of every module; on only from LV_ON and with every interlock ok.',
  })
  switchHighVoltage(@Arg('on') on: boolean, @Ctx() ctx: SubgraphContext): Promise<CommandResult> {
    return this.service.switchHighVoltage(on, ctx.user!, ctx.requestId);
  }

  @Authorized(COMMAND_ROLE)
  @Mutation(() => CommandResult, {
    description: 'V0Set of one channel; HV on a live channel needs every interlock ok.',
  })
  setChannelVoltage(
    @Args() { channelId, kind, volts }: SetChannelVoltageArgs,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CommandResult> {
    return this.service.setChannelVoltage(channelId, kind, volts, ctx.user!, ctx.requestId);
  }

  @Authorized(COMMAND_ROLE)
  @Mutation(() => CommandResult, { description: 'Acknowledges an alarm (who and when are kept).' })
  acknowledgeAlarm(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<CommandResult> {
    return this.service.acknowledgeAlarm(id, ctx.user!, ctx.requestId);
  }
}
