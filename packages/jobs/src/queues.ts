import type { Executive } from '@opshub/db/enums';

/** Every BullMQ queue of opshub. Names are the contract between producers and workers. */
export const QUEUES = {
  /** Housekeeping: the outbox relay, retention (sessions, audit, dead letters, failed jobs, outboxes). */
  maintenance: 'maintenance',
  /** Workflow: recipe assignment by the batch helper. */
  workflowRecipe: 'workflow-recipe',
  /** Workflow: pipeline runs, one queue per executive's ARC so each has its own concurrency cap. */
  workflowPipelineEA: 'workflow-pipeline-ea',
  workflowPipelineEU: 'workflow-pipeline-eu',
  workflowPipelineNA: 'workflow-pipeline-na',
  workflowPipelineJAO: 'workflow-pipeline-jao',
  /** Workflow: the replicated cache (ARC product store → JAO cache). */
  workflowReplication: 'workflow-replication',
  /** Workflow: the product ingestor (JAO cache → archive). */
  workflowIngestion: 'workflow-ingestion',
  /** Workflow: the data tracker (delivery) and the reconciler of lost follow-ups. */
  workflowTracker: 'workflow-tracker',
  /** Workflow: the demo driver (only processed when WORKFLOW_DEMO is on). */
  workflowDemo: 'workflow-demo',
  /** DCS: Julabo polls and commands on the serial lines, CAEN commands to MQTT, the device watchdog. */
  dcs: 'dcs',
  /** DQM: the NectarCAM pull (list each source, ingest new and changed results). */
  dqmNectarcam: 'dqm-nectarcam',
  /** DQM²: the 5 s tick that enqueues each agent's sync, and the 30 s host status. */
  dqmSquare: 'dqm-square',
  /** DQM²: one sync job per agent, so a slow agent holds one slot for at most its deadline. */
  dqmSquareSync: 'dqm-square-sync',
  /** Alerts: alert files (Avro, JSON, NDJSON) to ingest. */
  alertsIngest: 'alerts-ingest',
  /** Alerts: the tick that enqueues a pull per alert source not backing off. */
  alertsSources: 'alerts-sources',
  /** Alerts: one pull per alert source, so a slow or dead source holds one slot for at most its deadline. */
  alertsSourcePull: 'alerts-source-pull',
  /** Alerts: every broker source pulled from its cursor (classifications). */
  alertsBrokerPull: 'alerts-broker-pull',
  /** Alerts: read-only SQL runs submitted by users (`submitSqlQuery`), capped across processes. */
  alertsSql: 'alerts-sql',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** What a chiller command asks of the serial line (the `julabo-command` payload's action). */
export type ChillerAction =
  { kind: 'setpoint'; index: number; temperature: number } | { kind: 'start' } | { kind: 'stop' };

/** One pipeline run of an OUS at an executive's ARC. */
export interface RunPipelinePayload {
  ousId: string;
  /** The database enum `Executive`: its values are its names, as the payload carries them. */
  executive: Executive;
}

/** The retention bounds (the RETENTION_* settings). */
export interface RetentionPayload {
  sessionHours: number;
  failedLoginDays: number;
  auditDays: number;
  deadLetterDays: number;
  failedJobDays: number;
  outboxHours: number;
  mqttReceiptHours: number;
}

/** Job names, with the payload each carries. */
export interface JobPayloads {
  /**
   * Publishes the outbox rows of every domain (`OUTBOX_TABLES`) left unpublished for longer than
   * `olderThanMs` to their Redis streams, once each and in order per aggregate.
   */
  'outbox-relay': { olderThanMs: number };
  /** Deletes expired and revoked sessions (superseded by `retention`; kept for jobs already queued). */
  'prune-sessions': { olderThanHours: number };
  /**
   * Deletes what outlived its bound, in batches: sessions expired/revoked `sessionHours` ago,
   * failed-login audit entries after `failedLoginDays`, other audit entries after `auditDays`, dcs
   * dead letters after `deadLetterDays`, failed-job records after `failedJobDays`, published outbox
   * rows (workflow, dcs) after `outboxHours`, MQTT receipts after `mqttReceiptHours`.
   */
  retention: RetentionPayload;
  /** Chooses the processing recipe of an OUS that is ReadyForProcessing. */
  'assign-recipe': { ousId: string };
  /** Runs the pipeline for an OUS in Processing at the named executive (one job name per queue). */
  'run-pipeline-ea': RunPipelinePayload;
  'run-pipeline-eu': RunPipelinePayload;
  'run-pipeline-na': RunPipelinePayload;
  'run-pipeline-jao': RunPipelinePayload;
  /** Copies the products of one run (default: the latest successful one) to the JAO cache, verifying every checksum. */
  'replicate-products': { ousId: string; run?: number };
  /** Ingests the products of a Verified OUS into the archive, through the ingestion substates. */
  'ingest-products': { ousId: string };
  /** Marks an OUS Delivered once every product is archived. */
  'track-delivery': { ousId: string };
  /** Re-enqueues the follow-up of every OUS that has waited longer than `olderThanMs` with none. */
  'workflow-reconcile': { olderThanMs: number };
  /** One step of the demo: launch, assign, review and requeue OUSs when it is their time. */
  'workflow-demo-tick': Record<string, never>;
  /** Reads one Julabo chiller over its serial line (status, temperatures, power, setpoint). */
  'julabo-poll': { deviceId: string };
  /**
   * Writes a chiller command down the serial line and confirms it by reading back. `notAfter` (ISO
   * 8601) is the command's deadline: no worker sends it later. Run at most once per `commandId`.
   */
  'julabo-command': {
    deviceId: string;
    commandId: string;
    notAfter?: string;
    action: ChillerAction;
  };
  /** Publishes a CAEN command (`topic` relative to the DCS topic root) on MQTT; deadline and once-only as above. */
  'caen-command': { topic: string; payload: string; commandId: string; notAfter?: string };
  /** Marks devices silent for longer than `silentSeconds` offline. */
  'dcs-watchdog': { silentSeconds: number };
  /** Lists every enabled NectarCAM source and ingests its new or changed results tarballs. */
  'nectarcam-pull': Record<string, never>;
  /** Enqueues a `dqm-square-sync` for every DQM² agent not backing off (at most one waiting per agent). */
  'dqm-square-tick': Record<string, never>;
  /** Syncs one DQM² agent from its last applied rev (batched document fetches, backoff on failure). */
  'dqm-square-sync': { hostId: string };
  /** Records every DQM² agent's status and prunes status rows older than `retentionHours`. */
  'dqm-square-status': { retentionHours: number };
  /**
   * Ingests one alert file (an Avro container, JSON or NDJSON of elasticc.v0_9_1 alerts) readable by
   * the workers at `path`; idempotent, so a retry after a crash stores nothing twice.
   */
  'ingest-alert-file': { path: string };
  /** Enqueues an `alert-source-pull` for every alert source not backing off (at most one waiting per source). */
  'alert-source-tick': Record<string, never>;
  /**
   * Pulls one alert source from its cursor through alert ingest (idempotent); a failing source is backed off
   * by the service (recorded on the source), never retried here.
   */
  'alert-source-pull': { sourceId: string };
  /** Pulls every broker source from its cursor (idempotent); a failing source is recorded on it, not retried here. */
  'broker-pull': Record<string, never>;
  /**
   * Runs one submitted read-only SQL query (`alerts.sql_run` row `runId`) and writes its rows as CSV
   * and JSON files; a refused or failed query is recorded on the run, not retried.
   */
  'run-sql-query': { runId: string };
}

export type JobName = keyof JobPayloads;

/** The pipeline job and queue of each executive. */
export const PIPELINE_JOB = {
  EA: 'run-pipeline-ea',
  EU: 'run-pipeline-eu',
  NA: 'run-pipeline-na',
  JAO: 'run-pipeline-jao',
} as const satisfies { [E in Executive]: JobName };

/** Which queue each job runs on. */
export const JOB_QUEUE: { [J in JobName]: QueueName } = {
  'outbox-relay': QUEUES.maintenance,
  'prune-sessions': QUEUES.maintenance,
  retention: QUEUES.maintenance,
  'assign-recipe': QUEUES.workflowRecipe,
  'run-pipeline-ea': QUEUES.workflowPipelineEA,
  'run-pipeline-eu': QUEUES.workflowPipelineEU,
  'run-pipeline-na': QUEUES.workflowPipelineNA,
  'run-pipeline-jao': QUEUES.workflowPipelineJAO,
  'replicate-products': QUEUES.workflowReplication,
  'ingest-products': QUEUES.workflowIngestion,
  'track-delivery': QUEUES.workflowTracker,
  'workflow-reconcile': QUEUES.workflowTracker,
  'workflow-demo-tick': QUEUES.workflowDemo,
  'julabo-poll': QUEUES.dcs,
  'julabo-command': QUEUES.dcs,
  'caen-command': QUEUES.dcs,
  'dcs-watchdog': QUEUES.dcs,
  'nectarcam-pull': QUEUES.dqmNectarcam,
  'dqm-square-tick': QUEUES.dqmSquare,
  'dqm-square-sync': QUEUES.dqmSquareSync,
  'dqm-square-status': QUEUES.dqmSquare,
  'ingest-alert-file': QUEUES.alertsIngest,
  'alert-source-tick': QUEUES.alertsSources,
  'alert-source-pull': QUEUES.alertsSourcePull,
  'broker-pull': QUEUES.alertsBrokerPull,
  'run-sql-query': QUEUES.alertsSql,
};

export const ALL_QUEUES: readonly QueueName[] = Object.values(QUEUES);
