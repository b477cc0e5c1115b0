import type { Logger } from '@opshub/config';
import { createSqlPool, OutboxTable, replicaOf, type Db, type SqlPool, type Tx } from '@opshub/db';
import { Outbox, type EventBus } from '@opshub/events';
import { AlarmRepository } from './alarm/alarm.repository.js';
import { AlarmService } from './alarm/alarm.service.js';
import { CommandRepository } from './command/command.repository.js';
import { CommandExecutor } from './command/command-executor.js';
import { CommandService } from './command/command.service.js';
import { NO_DISPATCHER, type DeviceDispatcher } from './command/device-dispatcher.js';
import { DeadLetterRepository } from './dead-letter/dead-letter.repository.js';
import { DeadLetterService } from './dead-letter/dead-letter.service.js';
import { DeviceRepository } from './device/device.repository.js';
import { DeviceReportService } from './device/device-report.service.js';
import { DeviceService } from './device/device.service.js';
import { IngestService } from './ingest/ingest.service.js';
import { DEFAULT_INTERLOCK_SETTINGS, type InterlockSettings } from './interlock/interlock.rules.js';
import { ReadingRepository } from './reading/reading.repository.js';
import { ReadingService } from './reading/reading.service.js';

export interface DcsServices {
  devices: DeviceService;
  /** What follows a device report (alarms, state), for every driver: MQTT ingest, serial chiller. */
  reports: DeviceReportService;
  readings: ReadingService;
  deadLetters: DeadLetterService;
  alarms: AlarmService;
  /** The dcs outbox (device states, alarms); its relay is the workers' `outbox-relay` job. */
  outbox: Outbox<Tx>;
  commands: CommandService;
  /** The workers' side of a queued device command: deadline, once-only, last checks at the wire. */
  commandExecutor: CommandExecutor;
  ingest: IngestService;
  /** Closes what the services opened (the SQL pool). */
  close(): Promise<void>;
}

export interface DcsDeps {
  /** For the bulk SQL pool (COPY, series). */
  databaseUrl: string;
  events: EventBus;
  log: Logger;
  /** How commands reach the devices (jobs in the subgraph, direct in the workers). */
  dispatcher?: DeviceDispatcher;
  interlocks?: Partial<InterlockSettings>;
  /** A device command's deadline after it is issued, ms (DCS_COMMAND_TIMEOUT_MS, default 20,000). */
  commandTimeoutMs?: number;
}

/** The composition root of the dcs domain, shared by the subgraph, the seed and the workers. */
export function createDcsServices(db: Db, deps: DcsDeps): DcsServices {
  const { log, events } = deps;
  // With `db` on a read replica (DATABASE_REPLICA_URL), the pool's reads (`series`) go there too.
  const pool: SqlPool = createSqlPool(deps.databaseUrl, 4, replicaOf(db));
  const outbox = new Outbox<Tx>(new OutboxTable(db, 'dcs.outbox'), events, log);
  const devices = new DeviceService(new DeviceRepository(db, outbox), outbox, events);
  const readings = new ReadingService(new ReadingRepository(db, pool), events, log);
  const deadLetters = new DeadLetterService(new DeadLetterRepository(db));
  const alarms = new AlarmService(new AlarmRepository(db, outbox), outbox, events, log);
  const interlocks = { ...DEFAULT_INTERLOCK_SETTINGS, ...deps.interlocks };
  const commandRows = new CommandRepository(db);
  const commandTimeoutMs = deps.commandTimeoutMs ?? 20_000;
  const commands = new CommandService(
    devices,
    readings,
    alarms,
    commandRows,
    deps.dispatcher ?? NO_DISPATCHER,
    interlocks,
    log,
    commandTimeoutMs,
  );
  const commandExecutor = new CommandExecutor(
    devices,
    readings,
    commandRows,
    interlocks,
    commandTimeoutMs,
    log,
  );
  const reports = new DeviceReportService(devices, alarms);
  const ingest = new IngestService(devices, readings, reports, log);
  return {
    devices,
    reports,
    readings,
    deadLetters,
    alarms,
    outbox,
    commands,
    commandExecutor,
    ingest,
    close: () => pool.end(),
  };
}
