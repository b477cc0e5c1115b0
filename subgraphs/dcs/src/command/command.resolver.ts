import type { SubgraphContext } from '@opshub/subgraph-kit';
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
import { CommandResult, SupplyKind } from './command.type.js';

@ArgsType()
class SetChillerSetpointArgs {
  @Field(() => ID)
  deviceId: string;

  @Field(() => Int, { nullable: true, description: 'Which setpoint, 1–3 (default 1).' })
  setpoint?: number | null;

  @Field(() => Float, { description: '°C, −50 to 50.' })
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

@Resolver()
export class CommandResolver {
  constructor(private readonly commands: CommandService) {}

  @Authorized()
  @Query(() => [Interlock], { description: 'Every interlock with its state now.' })
  interlocks(): Promise<Interlock[]> {
    return this.commands.interlocks();
  }

  @Authorized('OPERATOR')
  @Mutation(() => CommandResult, {
    description: 'Writes a chiller setpoint (1–3, default 1) and reads it back.',
  })
  setChillerSetpoint(
    @Args() { deviceId, setpoint, temperature }: SetChillerSetpointArgs,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CommandResult> {
    return this.commands.setChillerSetpoint(deviceId, setpoint, temperature, ctx.user!);
  }

  @Authorized('OPERATOR')
  @Mutation(() => CommandResult, { description: 'Starts the chiller (from OFF) and reads its status back.' })
  startChiller(
    @Arg('deviceId', () => ID) deviceId: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CommandResult> {
    return this.commands.startChiller(deviceId, ctx.user!);
  }

  @Authorized('OPERATOR')
  @Mutation(() => CommandResult, {
    description: 'Stops the chiller (from ON); HV, if on, is ramped down by the interlock.',
  })
  stopChiller(
    @Arg('deviceId', () => ID) deviceId: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CommandResult> {
    return this.commands.stopChiller(deviceId, ctx.user!);
  }

  @Authorized('OPERATOR')
  @Mutation(() => CommandResult, { description: 'LV of every module; never off under HV.' })
  switchLowVoltage(@Arg('on') on: boolean, @Ctx() ctx: SubgraphContext): Promise<CommandResult> {
    return this.commands.switchLowVoltage(on, ctx.user!);
  }

  @Authorized('OPERATOR')
  @Mutation(() => CommandResult, {
    description: 'HV of every module; on only from LV_ON and with every interlock ok.',
  })
  switchHighVoltage(@Arg('on') on: boolean, @Ctx() ctx: SubgraphContext): Promise<CommandResult> {
    return this.commands.switchHighVoltage(on, ctx.user!);
  }

  @Authorized('OPERATOR')
  @Mutation(() => CommandResult, {
    description: 'V0Set of one channel; HV on a live channel needs every interlock ok.',
  })
  setChannelVoltage(
    @Args() { channelId, kind, volts }: SetChannelVoltageArgs,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CommandResult> {
    return this.commands.setChannelVoltage(channelId, kind, volts, ctx.user!);
  }

  @Authorized('OPERATOR')
  @Mutation(() => CommandResult, { description: 'Acknowledges an alarm (who and when are kept).' })
  acknowledgeAlarm(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<CommandResult> {
    return this.commands.acknowledgeAlarm(id, ctx.user!);
  }
}
