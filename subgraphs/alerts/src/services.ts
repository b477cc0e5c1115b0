import type { Db } from '@opshub/db';
import { DiaObjectRepository } from './dia-object/dia-object.repository.js';
import { DiaObjectService } from './dia-object/dia-object.service.js';

export interface AlertsServices {
  diaObjects: DiaObjectService;
}

/** The composition root of the alerts domain, shared by the subgraph, the seed and the workers. */
export function createAlertsServices(db: Db): AlertsServices {
  return { diaObjects: new DiaObjectService(new DiaObjectRepository(db)) };
}
