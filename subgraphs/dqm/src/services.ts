import { createLogger, type Logger } from '@opshub/config';
import { OutboxTable, type Db, type Tx } from '@opshub/db';
import { EventBus, Outbox } from '@opshub/events';
import { DqmRunRepository } from './dqm-run/dqm-run.repository.js';
import { DqmRunService } from './dqm-run/dqm-run.service.js';
import {
  NectarcamIngestService,
  type NectarcamIngestSettings,
} from './nectarcam/nectarcam-ingest.service.js';
import { NectarcamRepository } from './nectarcam/nectarcam.repository.js';
import { NectarcamService } from './nectarcam/nectarcam.service.js';

export interface DqmServices {
  runs: DqmRunService;
  /** NectarCAM sources, quantities, quarantine, camera geometry (the query side). */
  nectarcam: NectarcamService;
  /** The NectarCAM pull, run by the workers' `nectarcam-pull` job. */
  nectarcamIngest: NectarcamIngestService;
  /** The dqm outbox (its relay is the workers' `outbox-relay` job, for every domain). */
  outbox: Outbox<Tx>;
}

export interface DqmDeps {
  events?: EventBus;
  log?: Logger;
  nectarcam?: Partial<NectarcamIngestSettings>;
}

/** Defaults of the pull: a results tarball is a few MB; 512 MiB refuses only the absurd. */
export const NECTARCAM_INGEST_DEFAULTS: NectarcamIngestSettings = {
  maxBytes: 512 * 2 ** 20,
  timeoutMs: 60_000,
};

/** The composition root of the dqm domain, shared by the subgraph, the seed and the workers. */
export function createDqmServices(db: Db, deps: DqmDeps = {}): DqmServices {
  const log = deps.log ?? createLogger('dqm', 'silent');
  const events = deps.events ?? EventBus.unconnected('redis://127.0.0.1:1', 'unconnected');
  const outbox = new Outbox<Tx>(new OutboxTable(db, 'dqm.outbox'), events, log);
  const nectarcamRows = new NectarcamRepository(db, outbox);
  return {
    runs: new DqmRunService(new DqmRunRepository(db)),
    nectarcam: new NectarcamService(nectarcamRows, events),
    nectarcamIngest: new NectarcamIngestService(
      nectarcamRows,
      outbox,
      { ...NECTARCAM_INGEST_DEFAULTS, ...deps.nectarcam },
      log,
    ),
    outbox,
  };
}
