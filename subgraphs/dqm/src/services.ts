import type { Logger } from '@opshub/config';
import { OutboxTable, type Db, type Tx } from '@opshub/db';
import { Outbox, type EventBus } from '@opshub/events';
import { DqmRunRepository } from './dqm-run/dqm-run.repository.js';
import { DqmRunService } from './dqm-run/dqm-run.service.js';
import { ControlRoomAuditQuery } from './dqm-square/control-room-audit.query.js';
import { ControlRoomAuditService } from './dqm-square/control-room-audit.service.js';
import { ControlRoomService } from './dqm-square/control-room.service.js';
import { DocumentQuarantineRepository } from './dqm-square/document-quarantine.repository.js';
import { DqmHostRepository } from './dqm-square/dqm-host.repository.js';
import { DqmHostService } from './dqm-square/dqm-host.service.js';
import { DqmJobRepository } from './dqm-square/dqm-job.repository.js';
import { DqmJobService } from './dqm-square/dqm-job.service.js';
import {
  DEFAULT_SYNC_SETTINGS,
  DqmSyncService,
  type DqmSyncSettings,
} from './dqm-square/dqm-sync.service.js';
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
  /** The DQM² mirror: the agents, their jobs, the sync (the workers' `dqm-square-sync` job), the control room. */
  square: DqmSquareServices;
}

export interface DqmSquareServices {
  hosts: DqmHostService;
  jobs: DqmJobService;
  sync: DqmSyncService;
  controlRoom: ControlRoomService;
  /** The control room's audit, read (controlRoomAudit). */
  audit: ControlRoomAuditService;
}

export interface DqmDeps {
  events: EventBus;
  log: Logger;
  nectarcam?: Partial<NectarcamIngestSettings>;
  /**
   * The key of the DQM² host names' HMAC (DQM_PSEUDONYM_KEY): pseudonyms stay stable while it does.
   * null: the DQM² sync and the control room refuse (SERVICE_UNAVAILABLE); the rest works.
   */
  pseudonymKey: string | null;
  square?: Partial<Omit<DqmSyncSettings, 'pseudonymKey'>> & { controlTimeoutMs?: number };
  clock?: () => Date;
}

/** Defaults of the pull: a results tarball is a few MB; 512 MiB refuses only the absurd. */
export const NECTARCAM_INGEST_DEFAULTS: NectarcamIngestSettings = {
  maxBytes: 512 * 2 ** 20,
  timeoutMs: 60_000,
};

/** The composition root of the dqm domain, shared by the subgraph, the seed and the workers. */
export function createDqmServices(db: Db, deps: DqmDeps): DqmServices {
  const { log, events, pseudonymKey } = deps;
  const outbox = new Outbox<Tx>(new OutboxTable(db, 'dqm.outbox'), events, log);
  const nectarcamRows = new NectarcamRepository(db, outbox);
  const hostRows = new DqmHostRepository(db, outbox);
  const jobRows = new DqmJobRepository(db, outbox);
  const { controlTimeoutMs = 15_000, ...sync } = deps.square ?? {};
  const square: DqmSquareServices = {
    hosts: new DqmHostService(hostRows, events),
    jobs: new DqmJobService(jobRows, events, deps.clock),
    sync: new DqmSyncService(
      hostRows,
      jobRows,
      new DocumentQuarantineRepository(db),
      outbox,
      { ...DEFAULT_SYNC_SETTINGS, ...sync, pseudonymKey },
      log,
      deps.clock,
    ),
    controlRoom: new ControlRoomService(hostRows, { timeoutMs: controlTimeoutMs, pseudonymKey }),
    audit: new ControlRoomAuditService(new ControlRoomAuditQuery(db)),
  };
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
    square,
  };
}
