import type { Db } from '@opshub/db';
import { DqmRunRepository } from './dqm-run/dqm-run.repository.js';
import { DqmRunService } from './dqm-run/dqm-run.service.js';

export interface DqmServices {
  runs: DqmRunService;
}

/** The composition root of the dqm domain, shared by the subgraph, the seed and the workers. */
export function createDqmServices(db: Db): DqmServices {
  return { runs: new DqmRunService(new DqmRunRepository(db)) };
}
