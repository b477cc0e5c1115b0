import { CommandStatus } from '@opshub/db/enums';
import { Connection } from '@opshub/subgraph-kit';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { User } from '../alarm/alarm.type.js';

export enum SupplyKind {
  LV = 'LV',
  HV = 'HV',
}
registerEnumType(SupplyKind, { name: 'SupplyKind', description: 'Low or high voltage.' });

// The database enum (`dcs.CommandStatus`), registered as it is: its keys are the API's names.
export { CommandStatus };
registerEnumType(CommandStatus, {
  name: 'CommandStatus',
  description: 'Where a command stands.',
  valuesConfig: {
    PENDING: { description: 'Issued; not yet carried out, refused or expired.' },
    DONE: { description: 'Sent to the device (for the chiller: confirmed by reading back).' },
    REFUSED: { description: 'Not sent: a device state or an interlock forbade it (see `reason`).' },
    FAILED: { description: 'Sent or attempted, without the expected result (see `reason`).' },
    EXPIRED: { description: 'Not sent: no worker carried it out before `notAfter`; it never will be.' },
  },
});

@ObjectType({ description: 'An audited device command.' })
export class Command {
  @Field(() => ID)
  id: string;

  @Field(() => User, { nullable: true, description: 'Null for commands the hub issued itself (interlocks).' })
  issuedBy: User | null;

  @Field(() => String, {
    nullable: true,
    description: 'The hub part that issued it when no user did (e.g. `interlock`).',
  })
  system: string | null;

  @Field()
  at: Date;

  @Field({ description: 'e.g. switchHighVoltage, setChillerSetpoint.' })
  kind: string;

  @Field(() => ID, { nullable: true })
  deviceId: string | null;

  @Field(() => CommandStatus)
  status: CommandStatus;

  @Field({ description: 'True when the device took the command.' })
  accepted: boolean;

  @Field(() => String, { nullable: true, description: 'What came of it.' })
  result: string | null;

  @Field(() => String, { nullable: true, description: 'Why it was refused, failed or expired.' })
  reason: string | null;

  @Field(() => Date, {
    nullable: true,
    description: 'Its deadline: no worker sends it to the device after this time.',
  })
  notAfter: Date | null;

  @Field(() => Date, { nullable: true, description: 'When its final status was recorded.' })
  doneAt: Date | null;
}

export const CommandConnection = Connection(Command, 'Command');

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
