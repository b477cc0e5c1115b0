import { DeviceKind } from '@opshub/db/enums';
import { registerEnumType } from 'type-graphql';

// The database enum, registered as it is: its keys are the API's names.
export { DeviceKind };

registerEnumType(DeviceKind, {
  name: 'DeviceKind',
  description:
    'CHILLER: the Julabo; POWER_SUPPLY_CHANNEL: one CAEN LV or HV channel; SENSOR: an environment sensor board.',
});
