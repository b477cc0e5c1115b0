import type { Logger } from '@opshub/config';
import { createDb, createSqlPool, OutboxTable, replicaOf, type Db, type Tx } from '@opshub/db';
import { Outbox, type EventBus } from '@opshub/events';
import { AdminAuditRepository } from './admin-audit/admin-audit.repository.js';
import { AdminAuditService } from './admin-audit/admin-audit.service.js';
import { AlertRepository } from './alert/alert.repository.js';
import { AlertService } from './alert/alert.service.js';
import { BrokerMessageRepository } from './broker/broker-message.repository.js';
import { BrokerMessageService } from './broker/broker-message.service.js';
import { BrokerSourceRepository } from './broker/broker-source.repository.js';
import { BrokerSourceService } from './broker/broker-source.service.js';
import { ClassificationRepository } from './classification/classification.repository.js';
import { ClassificationService } from './classification/classification.service.js';
import { AlertSourceRepository } from './alert-source/alert-source.repository.js';
import {
  AlertSourceService,
  DEFAULT_ALERT_SOURCE_SETTINGS,
  type AlertSourceSettings,
} from './alert-source/alert-source.service.js';
import { DiaObjectRepository } from './dia-object/dia-object.repository.js';
import { DiaObjectService } from './dia-object/dia-object.service.js';
import { DiaSourceRepository } from './dia-source/dia-source.repository.js';
import { DiaSourceService } from './dia-source/dia-source.service.js';
import { AlertIngestRepository } from './ingest/alert-ingest.repository.js';
import { AlertIngestService } from './ingest/alert-ingest.service.js';
import { objectColumn, objectFloatFields } from './ingest/alert-record.js';
import { diaObjectFields } from './ingest/alert-schema.js';
import { LightCurveRepository } from './light-curve/light-curve.repository.js';
import { LightCurveService } from './light-curve/light-curve.service.js';
import { QuarantineRepository } from './quarantine/quarantine.repository.js';
import { QuarantineService } from './quarantine/quarantine.service.js';
import { SqlReader } from './sql/sql-reader.repository.js';
import { SqlRunFiles } from './sql/sql-run-files.js';
import { SqlRunRepository } from './sql/sql-run.repository.js';
import { DEFAULT_SQL_SETTINGS, SqlService, type SqlDeps } from './sql/sql.service.js';
import { ExportRepository } from './export/export.repository.js';
import { ExportService } from './export/export.service.js';
import { PhotometryRepository } from './rest/photometry.repository.js';
import { TomRepository } from './rest/tom.repository.js';
import { TomService } from './rest/tom.service.js';
import { SpectraRepository } from './spectra/spectra.repository.js';
import { SpectraService } from './spectra/spectra.service.js';
import { SourceTruthRepository } from './truth/source-truth.repository.js';
import { SourceTruthService } from './truth/source-truth.service.js';
import { TruthRepository } from './truth/truth.repository.js';
import { TruthService } from './truth/truth.service.js';

export interface AlertsServices {
  diaObjects: DiaObjectService;
  diaSources: DiaSourceService;
  lightCurves: LightCurveService;
  alerts: AlertService;
  quarantine: QuarantineService;
  /** Alert files in, for the CLI and the workers. */
  ingest: AlertIngestService;
  /** Alert sources pulled by the workers through `ingest`. */
  alertSources: AlertSourceService;
  /** Broker classifications in (GraphQL, REST PUT, broker pull). */
  brokerMessages: BrokerMessageService;
  /** Classifications out: per object, figures, the classificationAdded feed. */
  classifications: ClassificationService;
  /** Brokers pulled after a cursor by the workers, through `brokerMessages`. */
  brokerSources: BrokerSourceService;
  /** The alerts outbox (classificationAdded), relayed by the workers. */
  outbox: Outbox<Tx>;
  /** The DESC TOM's REST reads (elasticc lists, ltcv, hot transients, alerts). */
  tom: TomService;
  /** Follow-up spectroscopy: wished, planned, reported. */
  spectra: SpectraService;
  /** The simulation's truth of an object (class, redshift, peak). */
  truth: TruthService;
  /** The simulation's truth of detections (class, true magnitude), batched per request. */
  sourceTruth: SourceTruthService;
  /** Complete CSV / NDJSON exports, keyset-streamed. */
  exports: ExportService;
  /** Read-only SQL on the alerts schema: sqlQuery, submitted runs, /db/runsqlquery/. */
  sql: SqlService;
  /** Closes what the services opened (the SQL pools). */
  close(): Promise<void>;
}

export interface AlertsDeps {
  /** For the bulk SQL pool (ingest, light curves). */
  databaseUrl: string;
  events: EventBus;
  log: Logger;
  /** Alert source pulls (deadlines, size cap, backoff); defaults otherwise. */
  alertSources?: Partial<AlertSourceSettings>;
  /** Read-only SQL: the ALERTS_SQL_* settings and the queue of submitted runs. */
  sql?: SqlDeps;
}

/** The composition root of the alerts domain, shared by the subgraph, the seed, the CLI and the workers. */
export function createAlertsServices(db: Db, deps: AlertsDeps): AlertsServices {
  const { log, events } = deps;
  // With `db` on a read replica (DATABASE_REPLICA_URL), the pool's reads (light curves) go there too.
  const pool = createSqlPool(deps.databaseUrl, 4, replicaOf(db));
  const floats = objectFloatFields(diaObjectFields());
  // Users' SQL has a pool of its own: their queries (up to their timeout) never hold ingest's connections.
  const sqlPool = createSqlPool(deps.databaseUrl, 4);
  const sqlSettings = deps.sql?.settings ?? DEFAULT_SQL_SETTINGS;
  const outbox = new Outbox<Tx>(new OutboxTable(db, 'alerts.outbox'), events, log);
  const brokerMessages = new BrokerMessageService(new BrokerMessageRepository(db, outbox), outbox);
  const ingest = new AlertIngestService(
    new AlertIngestRepository(pool, floats.map(objectColumn)),
    floats,
    events,
    log,
  );
  const audit = new AdminAuditService(new AdminAuditRepository(db));
  return {
    diaObjects: new DiaObjectService(new DiaObjectRepository(db, pool)),
    diaSources: new DiaSourceService(new DiaSourceRepository(db)),
    lightCurves: new LightCurveService(new LightCurveRepository(pool)),
    alerts: new AlertService(new AlertRepository(db), events),
    quarantine: new QuarantineService(new QuarantineRepository(db)),
    ingest,
    alertSources: new AlertSourceService(
      new AlertSourceRepository(db, pool),
      ingest,
      { ...DEFAULT_ALERT_SOURCE_SETTINGS, ...deps.alertSources },
      log,
      audit,
    ),
    brokerMessages,
    brokerSources: new BrokerSourceService(new BrokerSourceRepository(db), brokerMessages, audit),
    classifications: new ClassificationService(new ClassificationRepository(db), brokerMessages, events),
    outbox,
    tom: new TomService(new TomRepository(pool), new PhotometryRepository(pool)),
    spectra: new SpectraService(new SpectraRepository(db)),
    truth: new TruthService(new TruthRepository(db)),
    sourceTruth: new SourceTruthService(new SourceTruthRepository(db)),
    exports: new ExportService(new ExportRepository(pool)),
    sql: new SqlService(
      new SqlReader(sqlPool),
      new SqlRunRepository(db),
      new SqlRunFiles(sqlSettings.resultsDir),
      sqlSettings,
      deps.sql?.jobs,
      events,
    ),
    close: async () => {
      await Promise.all([pool.end(), sqlPool.end()]);
    },
  };
}

/**
 * The services over a database of their own (the CLI, a script): `close()` also closes the database
 * client. A process with a `Db` already uses createAlertsServices.
 */
export function openAlertsServices(
  databaseUrl: string,
  deps: Omit<AlertsDeps, 'databaseUrl'>,
): AlertsServices {
  const db = createDb(databaseUrl, { max: 2 });
  const services = createAlertsServices(db, { ...deps, databaseUrl });
  return {
    ...services,
    close: async () => {
      await services.close();
      await db.$disconnect();
    },
  };
}
