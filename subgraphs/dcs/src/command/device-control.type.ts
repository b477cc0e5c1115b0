import { Field, Float, ObjectType, registerEnumType } from 'type-graphql';
import { ControlBlock, DeviceCommand } from './device-controls.js';

registerEnumType(DeviceCommand, {
  name: 'DeviceCommand',
  description: 'An operator command of the stand (each is one of the dcs mutations).',
  valuesConfig: {
    SWITCH_LV_ON: { description: '`switchLowVoltage(on: true)`' },
    SWITCH_LV_OFF: { description: '`switchLowVoltage(on: false)`' },
    SWITCH_HV_ON: { description: '`switchHighVoltage(on: true)`' },
    SWITCH_HV_OFF: { description: '`switchHighVoltage(on: false)`' },
    SET_CHANNEL_VOLTAGE: { description: '`setChannelVoltage` of this channel' },
    START_CHILLER: { description: '`startChiller`' },
    STOP_CHILLER: { description: '`stopChiller`' },
    SET_CHILLER_SETPOINT: { description: '`setChillerSetpoint`' },
    ACKNOWLEDGE_ALARM: { description: '`acknowledgeAlarm` of this alarm' },
  },
});
registerEnumType(ControlBlock, {
  name: 'ControlBlock',
  description: 'What refuses a command now.',
  valuesConfig: {
    FSM: { description: 'The device or supply state machine (or the device is not known to it).' },
    INTERLOCK: { description: 'An interlock is not satisfied.' },
    ROLE: { description: "The caller's role may not issue it." },
  },
});

@ObjectType({ description: 'The range a command argument must lie in (inclusive).' })
export class ControlLimits {
  @Field(() => Float)
  min: number;

  @Field(() => Float)
  max: number;

  @Field({ description: 'e.g. V, °C.' })
  unit: string;
}

@ObjectType({
  description: 'A command and whether the caller may issue it now (the mutation runs the same checks).',
})
export class DeviceControl {
  @Field(() => DeviceCommand)
  command: DeviceCommand;

  @Field({ description: 'True when the mutation would be accepted now.' })
  allowed: boolean;

  @Field(() => String, { nullable: true, description: 'Why not, in the words of the refusal.' })
  reason: string | null;

  @Field(() => ControlBlock, { nullable: true, description: 'What refuses it; null when allowed.' })
  blockedBy: ControlBlock | null;

  @Field(() => ControlLimits, { nullable: true, description: "The argument's range, for set commands." })
  limits: ControlLimits | null;
}

@ObjectType({ description: 'One CAEN module of the supply.' })
export class SupplyModule {
  @Field({ description: 'e.g. module-1.' })
  module: string;

  @Field({ description: 'Its FSM state: LV_OFF, LV_ON, HV_RAMP, HV_ON, ERROR, DISCONNECTED…' })
  state: string;
}

@ObjectType({ description: 'The LV/HV supply as a whole, as the command guards see it now.' })
export class PowerSupply {
  @Field({ description: 'The system FSM state: every module alike, or LV_MIX / HV_MIX.' })
  system: string;

  @Field({ description: 'Low voltage is on in at least one module.' })
  lvOn: boolean;

  @Field({ description: 'High voltage is on or ramping in at least one module.' })
  hvOn: boolean;

  @Field(() => [SupplyModule])
  modules: SupplyModule[];

  @Field(() => [DeviceControl], { description: 'The LV and HV switches for the caller.' })
  controls: DeviceControl[];
}
