import { registerEnumType } from 'type-graphql';

/** What a device is; the same names as the database enum. */
export enum DeviceKind {
  CHILLER = 'CHILLER',
  POWER_SUPPLY_CHANNEL = 'POWER_SUPPLY_CHANNEL',
  SENSOR = 'SENSOR',
}

registerEnumType(DeviceKind, {
  name: 'DeviceKind',
  description:
    'CHILLER: the Julabo; POWER_SUPPLY_CHANNEL: one CAEN LV or HV channel; SENSOR: an environment sensor board.',
});
