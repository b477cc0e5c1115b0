import { Executive, OusState } from '@opshub/db/enums';
import { registerEnumType } from 'type-graphql';

// The database enums, registered as they are: their keys are the API's names.
export { Executive, OusState };

registerEnumType(OusState, {
  name: 'OusState',
  description: 'Where an ObsUnitSet is in its data-reduction lifecycle.',
});
registerEnumType(Executive, {
  name: 'Executive',
  description: 'The ALMA executive whose ARC reduces the data.',
});
