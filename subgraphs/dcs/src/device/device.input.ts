import { ArgsType, Field, ID } from 'type-graphql';
import { DeviceKind } from './device-kind.js';

@ArgsType()
export class DevicesArgs {
  @Field(() => DeviceKind, { nullable: true, description: 'Only devices of this kind.' })
  kind?: DeviceKind;
}

@ArgsType()
export class DeviceArgs {
  @Field(() => ID)
  id: string;
}

/** What the seed (and later device discovery) registers. `config` is the device's own settings. */
export interface DeviceInput {
  id: string;
  name: string;
  kind: DeviceKind;
  config: Record<string, unknown>;
}
