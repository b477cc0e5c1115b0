import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { User } from '../alarm/alarm.type.js';

export enum SupplyKind {
  LV = 'LV',
  HV = 'HV',
}
registerEnumType(SupplyKind, { name: 'SupplyKind', description: 'Low or high voltage.' });

@ObjectType({ description: 'An audited device command.' })
export class Command {
  @Field(() => ID)
  id: string;

  @Field(() => User, { nullable: true, description: 'Null for commands the hub issued itself (interlocks).' })
  issuedBy: User | null;

  @Field()
  at: Date;

  @Field({ description: 'e.g. switchHighVoltage, setChillerSetpoint.' })
  kind: string;

  @Field(() => ID, { nullable: true })
  deviceId: string | null;

  @Field(() => String, { nullable: true, description: 'What came of it.' })
  result: string | null;
}

@ObjectType()
export class CommandResult {
  @Field({
    description: 'True when the device took the command (for the chiller: confirmed by reading back).',
  })
  accepted: boolean;

  @Field(() => String, { nullable: true })
  reason: string | null;

  @Field(() => Command)
  command: Command;
}
