/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export const AlarmSeverity = {
  Critical: 'CRITICAL',
  Warning: 'WARNING'
} as const;

export type AlarmSeverity = typeof AlarmSeverity[keyof typeof AlarmSeverity];
/** Which new alerts a subscriber receives; every given condition must hold. */
export type AlertFilter = {
  /** Only detections inside this cone. */
  cone?: ConeFilter | null | undefined;
  /** Only alerts of this object. */
  diaObjectId?: string | number | null | undefined;
  /** Only detections in these bands. */
  filterNames?: Array<string> | null | undefined;
  /** Only detections with at least this S/N. */
  minSnr?: number | null | undefined;
};

/** The DQM² cluster an agent belongs to. */
export const Cluster = {
  Playback: 'PLAYBACK',
  Production: 'PRODUCTION'
} as const;

export type Cluster = typeof Cluster[keyof typeof Cluster];
/** Where a command stands. */
export const CommandStatus = {
  /** Sent to the device (for the chiller: confirmed by reading back). */
  Done: 'DONE',
  /** Not sent: no worker carried it out before `notAfter`; it never will be. */
  Expired: 'EXPIRED',
  /** Sent or attempted, without the expected result (see `reason`). */
  Failed: 'FAILED',
  /** Issued; not yet carried out, refused or expired. */
  Pending: 'PENDING',
  /** Not sent: a device state or an interlock forbade it (see `reason`). */
  Refused: 'REFUSED'
} as const;

export type CommandStatus = typeof CommandStatus[keyof typeof CommandStatus];
/** A cone on the sky. */
export type ConeFilter = {
  /** Centre declination, degrees. */
  dec: number;
  /** Centre right ascension, degrees. */
  ra: number;
  /** Radius, arcseconds (at most 3600). */
  radiusArcsec: number;
};

/** What refuses a command now. */
export const ControlBlock = {
  /** The device or supply state machine (or the device is not known to it). */
  Fsm: 'FSM',
  /** An interlock is not satisfied. */
  Interlock: 'INTERLOCK',
  /** The caller's role may not issue it. */
  Role: 'ROLE'
} as const;

export type ControlBlock = typeof ControlBlock[keyof typeof ControlBlock];
/** The agent's /cr/exe verbs: get_dqm_clients, change_dqm_client, get_cmssw_info, get_dqm_machines, restart_hltd, restart_fff, get_hltd_logs, get_fff_logs, get_cluster_status, start_playback_run. */
export const ControlRoomAction = {
  ChangeDqmClient: 'CHANGE_DQM_CLIENT',
  GetClusterStatus: 'GET_CLUSTER_STATUS',
  GetCmsswInfo: 'GET_CMSSW_INFO',
  GetDqmClients: 'GET_DQM_CLIENTS',
  GetDqmMachines: 'GET_DQM_MACHINES',
  GetFffLogs: 'GET_FFF_LOGS',
  GetHltdLogs: 'GET_HLTD_LOGS',
  RestartFff: 'RESTART_FFF',
  RestartHltd: 'RESTART_HLTD',
  StartPlaybackRun: 'START_PLAYBACK_RUN'
} as const;

export type ControlRoomAction = typeof ControlRoomAction[keyof typeof ControlRoomAction];
/** An operator command of the stand (each is one of the dcs mutations). */
export const DeviceCommand = {
  /** `acknowledgeAlarm` of this alarm */
  AcknowledgeAlarm: 'ACKNOWLEDGE_ALARM',
  /** `setChannelVoltage` of this channel */
  SetChannelVoltage: 'SET_CHANNEL_VOLTAGE',
  /** `setChillerSetpoint` */
  SetChillerSetpoint: 'SET_CHILLER_SETPOINT',
  /** `startChiller` */
  StartChiller: 'START_CHILLER',
  /** `stopChiller` */
  StopChiller: 'STOP_CHILLER',
  /** `switchHighVoltage(on: false)` */
  SwitchHvOff: 'SWITCH_HV_OFF',
  /** `switchHighVoltage(on: true)` */
  SwitchHvOn: 'SWITCH_HV_ON',
  /** `switchLowVoltage(on: false)` */
  SwitchLvOff: 'SWITCH_LV_OFF',
  /** `switchLowVoltage(on: true)` */
  SwitchLvOn: 'SWITCH_LV_ON'
} as const;

export type DeviceCommand = typeof DeviceCommand[keyof typeof DeviceCommand];
/** CHILLER: the Julabo; POWER_SUPPLY_CHANNEL: one CAEN LV or HV channel; SENSOR: an environment sensor board. */
export const DeviceKind = {
  Chiller: 'CHILLER',
  PowerSupplyChannel: 'POWER_SUPPLY_CHANNEL',
  Sensor: 'SENSOR'
} as const;

export type DeviceKind = typeof DeviceKind[keyof typeof DeviceKind];
/** Every given condition must hold. */
export type DiaObjectFilter = {
  /** Only objects given this taxonomy class. */
  classId?: number | null | undefined;
  /** Only objects this classifier classified (its latest message per object, as every classification filter). */
  classifierId?: string | number | null | undefined;
  /** Highest declination, degrees. */
  declMax?: number | null | undefined;
  /** Lowest declination, degrees. */
  declMin?: number | null | undefined;
  /** First detection within this range. */
  firstDetectionMjd?: MjdRange | null | undefined;
  /** Only objects in (true) or outside (false) deep drilling fields. */
  isddf?: boolean | null | undefined;
  /** Last detection within this range. */
  lastDetectionMjd?: MjdRange | null | undefined;
  /** At most this many detections. */
  maxDetections?: number | null | undefined;
  /** At least this many detections. */
  minDetections?: number | null | undefined;
  /** With classId, that class's probability at least this; without, the most probable class's. */
  minProbability?: number | null | undefined;
  /** Highest ra, degrees. */
  raMax?: number | null | undefined;
  /** Lowest ra, degrees. With raMin > raMax the range wraps across ra = 0. */
  raMin?: number | null | undefined;
};

/** As the mirror derives it: CRASHED exit ≠ 0, FINISHED exit 0, STUCK running without an update for > 900 s. */
export const DqmJobState = {
  Crashed: 'CRASHED',
  Finished: 'FINISHED',
  Running: 'RUNNING',
  Stuck: 'STUCK'
} as const;

export type DqmJobState = typeof DqmJobState[keyof typeof DqmJobState];
/** The ALMA executive whose ARC reduces the data. */
export const Executive = {
  Ea: 'EA',
  Eu: 'EU',
  Jao: 'JAO',
  Na: 'NA'
} as const;

export type Executive = typeof Executive[keyof typeof Executive];
/** The gain channel of a NectarCAM quantity. */
export const Gain = {
  High: 'HIGH',
  Low: 'LOW'
} as const;

export type Gain = typeof Gain[keyof typeof Gain];
/** What happened to a job. DELAYED also marks a retry waiting out its backoff. */
export const JobEventKind = {
  Active: 'ACTIVE',
  Added: 'ADDED',
  Completed: 'COMPLETED',
  Delayed: 'DELAYED',
  Failed: 'FAILED',
  Progress: 'PROGRESS',
  Removed: 'REMOVED',
  RetriesExhausted: 'RETRIES_EXHAUSTED',
  Retrying: 'RETRYING',
  Stalled: 'STALLED',
  Waiting: 'WAITING'
} as const;

export type JobEventKind = typeof JobEventKind[keyof typeof JobEventKind];
/** Where a BullMQ job is now. */
export const JobState = {
  Active: 'ACTIVE',
  Completed: 'COMPLETED',
  Delayed: 'DELAYED',
  Failed: 'FAILED',
  Prioritized: 'PRIORITIZED',
  Unknown: 'UNKNOWN',
  Waiting: 'WAITING',
  WaitingChildren: 'WAITING_CHILDREN'
} as const;

export type JobState = typeof JobState[keyof typeof JobState];
/** An inclusive MJD range; either end may be left open. */
export type MjdRange = {
  /** From this MJD (TAI), inclusive. */
  from?: number | null | undefined;
  /** Up to this MJD (TAI), inclusive. */
  to?: number | null | undefined;
};

/** A human move of the lifecycle; each is the mutation of the same name. */
export const OusAction = {
  AssignExecutive: 'ASSIGN_EXECUTIVE',
  CancelReview: 'CANCEL_REVIEW',
  ReportQa3Issue: 'REPORT_QA3_ISSUE',
  Requeue: 'REQUEUE',
  Reset: 'RESET',
  ResolveQa3: 'RESOLVE_QA3',
  StartReview: 'START_REVIEW',
  SubmitQa2: 'SUBMIT_QA2'
} as const;

export type OusAction = typeof OusAction[keyof typeof OusAction];
/** What stops an action now. */
export const OusActionBlock = {
  /** The move exists from this state, but a condition is not met yet. */
  Guard: 'GUARD',
  /** The move is legal now, but not for the caller's role. */
  Role: 'ROLE',
  /** The state machine has no such move from the current state. */
  State: 'STATE'
} as const;

export type OusActionBlock = typeof OusActionBlock[keyof typeof OusActionBlock];
/** Where an ObsUnitSet is in its data-reduction lifecycle. */
export const OusState = {
  Delivered: 'DELIVERED',
  DeliveryInProgress: 'DELIVERY_IN_PROGRESS',
  FullyObserved: 'FULLY_OBSERVED',
  Processing: 'PROCESSING',
  ProcessingProblem: 'PROCESSING_PROBLEM',
  Qa3InProgress: 'QA3_IN_PROGRESS',
  ReadyForProcessing: 'READY_FOR_PROCESSING',
  ReadyForReview: 'READY_FOR_REVIEW',
  Reviewing: 'REVIEWING',
  Verified: 'VERIFIED'
} as const;

export type OusState = typeof OusState[keyof typeof OusState];
/** Running until it exits; FAILED for a non-zero exit code or an unreadable report. */
export const PipelineRunStatus = {
  Failed: 'FAILED',
  Running: 'RUNNING',
  Succeeded: 'SUCCEEDED'
} as const;

export type PipelineRunStatus = typeof PipelineRunStatus[keyof typeof PipelineRunStatus];
/** Data product, weblog archive or pipeline report. */
export const ProductKind = {
  Data: 'DATA',
  Report: 'REPORT',
  Weblog: 'WEBLOG'
} as const;

export type ProductKind = typeof ProductKind[keyof typeof ProductKind];
/** The QA2 verdict: Pass and SemiPass verify, Fail sends it back. */
export const Qa2Score = {
  Fail: 'FAIL',
  Pass: 'PASS',
  Semipass: 'SEMIPASS'
} as const;

export type Qa2Score = typeof Qa2Score[keyof typeof Qa2Score];
/** Where a submitted SQL run is: QUEUED, RUNNING, then SUCCEEDED (files ready) or FAILED (error says why). */
export const SqlRunState = {
  Failed: 'FAILED',
  Queued: 'QUEUED',
  Running: 'RUNNING',
  Succeeded: 'SUCCEEDED'
} as const;

export type SqlRunState = typeof SqlRunState[keyof typeof SqlRunState];
/** Low or high voltage. */
export const SupplyKind = {
  Hv: 'HV',
  Lv: 'LV'
} as const;

export type SupplyKind = typeof SupplyKind[keyof typeof SupplyKind];
export type OusCountsQueryVariables = Exact<{ [key: string]: never; }>;


export type OusCountsQuery = { obsUnitSetCounts: Array<{ state: OusState, count: number }> };

export type QueuesQueryVariables = Exact<{ [key: string]: never; }>;


export type QueuesQuery = { queues: Array<{ name: string, paused: boolean, throughputPerMinute: number, counts: { waiting: number, active: number, completed: number, failed: number, delayed: number } }> };

export type AlertsObjectFactsFragment = { id: string, ra: number, decl: number, mwebv: number | null, isddf: boolean, zFinal: number | null, zFinalErr: number | null, nDetections: number, firstDetectionMjd: number | null, lastDetectionMjd: number | null, hostgal: { ra: number | null, dec: number | null, snsep: number | null, zspec: number | null, zspecErr: number | null, zphot: number | null, zphotErr: number | null, magG: number | null, magR: number | null, magI: number | null }, truth: { gentype: number, classId: number | null, className: string | null, zcmb: number | null, zhelio: number | null, peakMjd: number | null, snrmax: number | null, peakMags: Array<{ filterName: string, mag: number }> } | null, spectra: { wanted: Array<{ requester: string, priority: number, wantedAt: string }>, planned: Array<{ facility: string, plannedFor: string | null, comment: string | null }>, reported: Array<{ facility: string, mjd: number, z: number | null, classId: number }> } };

export type AlertsSqlRunFragment = { id: string, state: SqlRunState, query: string, submittedAt: string, finishedAt: string | null, rowCount: number | null, error: string | null, errorCode: string | null, csvUrl: string | null, jsonUrl: string | null };

export type DcsAlarmsQueryVariables = Exact<{ [key: string]: never; }>;


export type DcsAlarmsQuery = { alarms: Array<{ id: string, rule: string, deviceId: string | null, severity: AlarmSeverity, message: string, active: boolean, raisedAt: string, clearedAt: string | null, acknowledgedAt: string | null, acknowledgedBy: { id: string, username: string } | null, controls: Array<{ command: DeviceCommand, allowed: boolean, reason: string | null }> }> };

export type DcsAlarmRaisedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type DcsAlarmRaisedSubscription = { alarmRaised: { id: string } };

export type AcknowledgeAlarmMutationVariables = Exact<{
  id: string | number;
}>;


export type AcknowledgeAlarmMutation = { acknowledgeAlarm: { accepted: boolean, reason: string | null } };

export type SetChillerSetpointMutationVariables = Exact<{
  deviceId: string | number;
  temperature: number;
}>;


export type SetChillerSetpointMutation = { setChillerSetpoint: { accepted: boolean, reason: string | null } };

export type StartChillerMutationVariables = Exact<{
  deviceId: string | number;
}>;


export type StartChillerMutation = { startChiller: { accepted: boolean, reason: string | null } };

export type StopChillerMutationVariables = Exact<{
  deviceId: string | number;
}>;


export type StopChillerMutation = { stopChiller: { accepted: boolean, reason: string | null } };

export type DeviceSeriesQueryVariables = Exact<{
  id: string | number;
  metric: string;
  from: string;
  to: string;
  bucketSeconds?: number | null | undefined;
}>;


export type DeviceSeriesQuery = { device: { id: string, series: Array<{ at: string, min: number, max: number, avg: number, count: number }> } | null };

export type ChartReadingsSubscriptionVariables = Exact<{
  deviceId: string | number;
  metric: string;
}>;


export type ChartReadingsSubscription = { readingsAdded: Array<{ value: number, at: string }> };

export type SwitchLowVoltageMutationVariables = Exact<{
  on: boolean;
}>;


export type SwitchLowVoltageMutation = { switchLowVoltage: { accepted: boolean, reason: string | null } };

export type SwitchHighVoltageMutationVariables = Exact<{
  on: boolean;
}>;


export type SwitchHighVoltageMutation = { switchHighVoltage: { accepted: boolean, reason: string | null } };

export type SetChannelVoltageMutationVariables = Exact<{
  channelId: string | number;
  kind: SupplyKind;
  volts: number;
}>;


export type SetChannelVoltageMutation = { setChannelVoltage: { accepted: boolean, reason: string | null } };

export type DqmPixelQuantityQueryVariables = Exact<{
  camera: string;
  runNumber: number;
  key: string;
  gain?: Gain | null | undefined;
  badKey: string;
}>;


export type DqmPixelQuantityQuery = { dqmRun: { camera: string, runNumber: number, shown: { key: string, gain: Gain | null, unit: string | null, dtype: string, shape: Array<number>, base64: string } | null, bad: { dtype: string, base64: string } | null } | null };

export type ControlAuditQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  host?: string | number | null | undefined;
}>;


export type ControlAuditQuery = { controlRoomAudit: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, at: string, actor: string, action: ControlRoomAction, args: unknown, ok: boolean, output: string, durationMs: number, host: { id: string, name: string } | null } }> } };

export type ControlRoomMutationVariables = Exact<{
  action: ControlRoomAction;
  host: string;
  args?: unknown;
}>;


export type ControlRoomMutation = { controlRoom: { ok: boolean, output: string, auditId: string } };

export type DqmHostRowFragment = { id: string, name: string, cluster: Cluster, up: boolean, lastSyncAt: string | null, lagSeconds: number | null, error: string | null, failures: number, backoffUntil: string | null, controllable: boolean };

export type DqmHostsQueryVariables = Exact<{
  cluster?: Cluster | null | undefined;
}>;


export type DqmHostsQuery = { dqmHosts: Array<{ id: string, name: string, cluster: Cluster, up: boolean, lastSyncAt: string | null, lagSeconds: number | null, error: string | null, failures: number, backoffUntil: string | null, controllable: boolean }> };

export type DqmHostChangedSubscriptionVariables = Exact<{
  cluster?: Cluster | null | undefined;
}>;


export type DqmHostChangedSubscription = { dqmHostChanged: { id: string, name: string, cluster: Cluster, up: boolean, lastSyncAt: string | null, lagSeconds: number | null, error: string | null, failures: number, backoffUntil: string | null, controllable: boolean } };

export type DqmJobRowFragment = { id: string, host: string, cluster: Cluster, client: string, run: number, state: DqmJobState, exitCode: number | null, eventsTotal: number, eventsRate: number, lumisection: number | null, runKey: string | null, cmsswVersion: string | null, memoryKb: number | null, updatedAt: string, stuck: boolean };

export type DqmJobsQueryVariables = Exact<{
  cluster: Cluster;
  state?: DqmJobState | null | undefined;
  host?: string | null | undefined;
  run?: number | null | undefined;
  first?: number | null | undefined;
}>;


export type DqmJobsQuery = { dqmJobs: Array<{ id: string, host: string, cluster: Cluster, client: string, run: number, state: DqmJobState, exitCode: number | null, eventsTotal: number, eventsRate: number, lumisection: number | null, runKey: string | null, cmsswVersion: string | null, memoryKb: number | null, updatedAt: string, stuck: boolean }> };

export type DqmJobUpdatedSubscriptionVariables = Exact<{
  cluster: Cluster;
  run?: number | null | undefined;
}>;


export type DqmJobUpdatedSubscription = { dqmJobUpdated: { id: string, host: string, cluster: Cluster, client: string, run: number, state: DqmJobState, exitCode: number | null, eventsTotal: number, eventsRate: number, lumisection: number | null, runKey: string | null, cmsswVersion: string | null, memoryKb: number | null, updatedAt: string, stuck: boolean } };

export type DqmRunDetailsQueryVariables = Exact<{
  camera: string;
  runNumber: number;
  gain?: Gain | null | undefined;
  waveformKey: string;
  badKey: string;
  timelineKey: string;
  statsKeys: Array<string> | string;
}>;


export type DqmRunDetailsQuery = { dqmRun: { camera: string, runNumber: number, waveforms: { dtype: string, shape: Array<number>, unit: string | null, base64: string } | null, bad: { dtype: string, base64: string } | null, timeline: { dtype: string, shape: Array<number>, base64: string } | null, stats: Array<{ key: string, field: string | null, unit: string | null, dtype: string, values: Array<number> }> } | null };

export type DqmSquareRunQueryVariables = Exact<{
  cluster: Cluster;
  run: number;
}>;


export type DqmSquareRunQuery = { dqmSquareRun: { run: number, cmsswVersion: string | null, cmsswVersions: Array<string>, runKey: string | null, jobCounts: { running: number, finished: number, crashed: number, stuck: number }, deliveries: Array<{ stream: string, lumisection: number, delaySeconds: number, acceptedEvents: number }> } | null };

export type DqmRunSummariesQueryVariables = Exact<{
  cluster: Cluster;
  onlyBad?: boolean | null | undefined;
  hasLumisections?: boolean | null | undefined;
  first?: number | null | undefined;
}>;


export type DqmRunSummariesQuery = { dqmRunSummaries: { totalCount: number, edges: Array<{ node: { run: number, jobs: number, finished: number, crashed: number, bad: boolean, hasLumisections: boolean, maxLumisection: number | null, firstUpdate: string, lastUpdate: string } }> } };

export type QueueJobsQueryVariables = Exact<{
  queue: string;
  state: JobState;
  search?: string | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type QueueJobsQuery = { jobs: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, name: string, state: JobState, attemptsMade: number, maxAttempts: number, failedReason: string | null, createdAt: string, processedAt: string | null, finishedAt: string | null, runAt: string | null } }> } };

export type AssignExecutiveMutationVariables = Exact<{
  ousId: string | number;
  executive: Executive;
}>;


export type AssignExecutiveMutation = { assignExecutive: { id: string, state: OusState } };

export type StartReviewMutationVariables = Exact<{
  ousId: string | number;
}>;


export type StartReviewMutation = { startReview: { id: string, state: OusState } };

export type CancelReviewMutationVariables = Exact<{
  ousId: string | number;
}>;


export type CancelReviewMutation = { cancelReview: { id: string, state: OusState } };

export type SubmitQa2MutationVariables = Exact<{
  ousId: string | number;
  score: Qa2Score;
  comment?: string | null | undefined;
}>;


export type SubmitQa2Mutation = { submitQa2: { id: string, state: OusState } };

export type RequeueMutationVariables = Exact<{
  ousId: string | number;
}>;


export type RequeueMutation = { requeue: { id: string, state: OusState } };

export type ReportQa3IssueMutationVariables = Exact<{
  ousId: string | number;
  note: string;
}>;


export type ReportQa3IssueMutation = { reportQa3Issue: { id: string, state: OusState } };

export type ResolveQa3MutationVariables = Exact<{
  ousId: string | number;
  note?: string | null | undefined;
}>;


export type ResolveQa3Mutation = { resolveQa3: { id: string, state: OusState } };

export type OusRecordsQueryVariables = Exact<{
  id: string | number;
}>;


export type OusRecordsQuery = { obsUnitSet: { id: string, pipelineRuns: Array<{ run: number, executive: Executive, status: PipelineRunStatus, startedAt: string, finishedAt: string | null, exitCode: number | null }>, pipelineReports: Array<{ run: number, finalScore: number, reportDate: string, processingTime: number, casaVersion: string, pipelineVersion: string, scores: { dataset: number | null, flagging: number | null, calibration: number | null, imaging: number | null }, weblog: { fileName: string } | null }>, products: Array<{ run: number, fileName: string, kind: ProductKind, size: number, sha256: string, site: string, replicaPath: string | null, replicatedAt: string | null, archiveFileId: string | null, archivedAt: string | null }>, deliveryStatus: { run: number, complete: boolean, productCount: number, archivedCount: number, problem: string | null, updatedAt: string } | null } | null };

export type CommandOutcomeFragment = { accepted: boolean, reason: string | null };

export type QueueRetryJobMutationVariables = Exact<{
  queue: string;
  id: string | number;
}>;


export type QueueRetryJobMutation = { retryJob: { id: string, state: JobState } };

export type QueueRemoveJobMutationVariables = Exact<{
  queue: string;
  id: string | number;
}>;


export type QueueRemoveJobMutation = { removeJob: boolean };

export type QueuePromoteJobMutationVariables = Exact<{
  queue: string;
  id: string | number;
}>;


export type QueuePromoteJobMutation = { promoteJob: { id: string, state: JobState } };

export type QueueRetryAllFailedMutationVariables = Exact<{
  queue: string;
}>;


export type QueueRetryAllFailedMutation = { retryAllFailed: number };

export type QueueCleanMutationVariables = Exact<{
  queue: string;
  state: JobState;
  olderThanSeconds: number;
}>;


export type QueueCleanMutation = { cleanQueue: number };

export type QueuePauseMutationVariables = Exact<{
  name: string;
}>;


export type QueuePauseMutation = { pauseQueue: { name: string, paused: boolean } };

export type QueueResumeMutationVariables = Exact<{
  name: string;
}>;


export type QueueResumeMutation = { resumeQueue: { name: string, paused: boolean } };

export type AlertsBrokerFiguresQueryVariables = Exact<{
  since?: string | null | undefined;
}>;


export type AlertsBrokerFiguresQuery = { brokerFigures: Array<{ messages: number, duplicates: number, delayP50Seconds: number | null, delayP95Seconds: number | null, alertsSent: number, alertsClassified: number, completeness: number | null, classifier: { id: string, brokerName: string, brokerVersion: string, classifierName: string } }> };

export type AlertsBrokerSourcesQueryVariables = Exact<{ [key: string]: never; }>;


export type AlertsBrokerSourcesQuery = { brokerSources: Array<{ id: string, name: string, url: string, lastPulledAt: string | null, lastError: string | null, loaded: number }> };

export type AlertsLiveAlertSubscriptionVariables = Exact<{
  filter?: AlertFilter | null | undefined;
}>;


export type AlertsLiveAlertSubscription = { alertIngested: { alertId: string, diaObjectId: string, ingestedAt: string, diaSource: { id: string, midPointTai: number, filterName: string, psFlux: number, psFluxErr: number, snr: number } } };

export type AlertsLiveClassificationSubscriptionVariables = Exact<{
  classId?: number | null | undefined;
  minProbability?: number | null | undefined;
}>;


export type AlertsLiveClassificationSubscription = { classificationAdded: { brokerMessageId: string, alertId: string, diaObjectId: string | null, classId: number, className: string, probability: number, classifier: { id: string, brokerName: string, classifierName: string } } };

export type AlertsClassificationEntryFragment = { classifierId: string, classId: number, className: string, probability: number, brokerMessageId: string, at: string, classifier: { brokerName: string, classifierName: string } };

export type AlertsObjectPageQueryVariables = Exact<{
  id: string | number;
}>;


export type AlertsObjectPageQuery = { diaObject: { id: string, ra: number, decl: number, mwebv: number | null, isddf: boolean, zFinal: number | null, zFinalErr: number | null, nDetections: number, firstDetectionMjd: number | null, lastDetectionMjd: number | null, lightCurve: { columns: { mjd: Array<number>, filterName: Array<string>, psFlux: Array<number>, psFluxErr: Array<number>, forced: Array<boolean> } }, latest: Array<{ classifierId: string, classId: number, className: string, probability: number, brokerMessageId: string, at: string, classifier: { brokerName: string, classifierName: string } }>, history: Array<{ classifierId: string, classId: number, className: string, probability: number, brokerMessageId: string, at: string, classifier: { brokerName: string, classifierName: string } }>, hostgal: { ra: number | null, dec: number | null, snsep: number | null, zspec: number | null, zspecErr: number | null, zphot: number | null, zphotErr: number | null, magG: number | null, magR: number | null, magI: number | null }, truth: { gentype: number, classId: number | null, className: string | null, zcmb: number | null, zhelio: number | null, peakMjd: number | null, snrmax: number | null, peakMags: Array<{ filterName: string, mag: number }> } | null, spectra: { wanted: Array<{ requester: string, priority: number, wantedAt: string }>, planned: Array<{ facility: string, plannedFor: string | null, comment: string | null }>, reported: Array<{ facility: string, mjd: number, z: number | null, classId: number }> } } | null };

export type AlertsObjectAlertSubscriptionVariables = Exact<{
  filter?: AlertFilter | null | undefined;
}>;


export type AlertsObjectAlertSubscription = { alertIngested: { alertId: string } };

export type AlertsObjectClassificationSubscriptionVariables = Exact<{
  objectId?: string | number | null | undefined;
}>;


export type AlertsObjectClassificationSubscription = { classificationAdded: { brokerMessageId: string } };

export type AlertsObjectRowFragment = { id: string, ra: number, decl: number, nDetections: number, firstDetectionMjd: number | null, lastDetectionMjd: number | null };

export type AlertsObjectByIdQueryVariables = Exact<{
  id: string | number;
}>;


export type AlertsObjectByIdQuery = { diaObject: { id: string, ra: number, decl: number, nDetections: number, firstDetectionMjd: number | null, lastDetectionMjd: number | null } | null };

export type AlertsObjectsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  filter?: DiaObjectFilter | null | undefined;
}>;


export type AlertsObjectsQuery = { diaObjects: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, ra: number, decl: number, nDetections: number, firstDetectionMjd: number | null, lastDetectionMjd: number | null } }> } };

export type AlertsConeQueryVariables = Exact<{
  ra: number;
  dec: number;
  radiusArcsec: number;
  first?: number | null | undefined;
}>;


export type AlertsConeQuery = { coneSearch: Array<{ separationArcsec: number, object: { id: string, ra: number, decl: number, nDetections: number, firstDetectionMjd: number | null, lastDetectionMjd: number | null } }> };

export type AlertsClassifiersQueryVariables = Exact<{ [key: string]: never; }>;


export type AlertsClassifiersQuery = { classifiers: Array<{ id: string, brokerName: string, classifierName: string }> };

export type AlertsSqlQueryQueryVariables = Exact<{
  query: string;
}>;


export type AlertsSqlQueryQuery = { sqlQuery: { rows: Array<unknown>, rowCount: number, truncated: boolean, elapsedMs: number, columns: Array<{ name: string, type: string }> } };

export type AlertsSubmitSqlMutationVariables = Exact<{
  query: string;
}>;


export type AlertsSubmitSqlMutation = { submitSqlQuery: { id: string, state: SqlRunState, query: string, submittedAt: string, finishedAt: string | null, rowCount: number | null, error: string | null, errorCode: string | null, csvUrl: string | null, jsonUrl: string | null } };

export type AlertsSqlRunsQueryVariables = Exact<{ [key: string]: never; }>;


export type AlertsSqlRunsQuery = { sqlRuns: { edges: Array<{ node: { id: string, state: SqlRunState, query: string, submittedAt: string, finishedAt: string | null, rowCount: number | null, error: string | null, errorCode: string | null, csvUrl: string | null, jsonUrl: string | null } }> } };

export type AlertsSqlRunUpdatedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type AlertsSqlRunUpdatedSubscription = { sqlRunUpdated: { id: string, state: SqlRunState, query: string, submittedAt: string, finishedAt: string | null, rowCount: number | null, error: string | null, errorCode: string | null, csvUrl: string | null, jsonUrl: string | null } };

export type AuditRowFragment = { id: string, at: string, kind: string, target: string | null, detail: unknown, requestId: string | null, actor: { id: string, username: string } | null };

export type AuditLogQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  actor?: string | number | null | undefined;
  kind?: string | null | undefined;
  entity?: string | null | undefined;
  since?: string | null | undefined;
  until?: string | null | undefined;
}>;


export type AuditLogQuery = { auditLog: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, at: string, kind: string, target: string | null, detail: unknown, requestId: string | null, actor: { id: string, username: string } | null } }> } };

export type AuditUsersQueryVariables = Exact<{ [key: string]: never; }>;


export type AuditUsersQuery = { users: Array<{ id: string, username: string }> };

export type AuditEntryAddedSubscriptionVariables = Exact<{
  actor?: string | number | null | undefined;
  kind?: string | null | undefined;
  entity?: string | null | undefined;
}>;


export type AuditEntryAddedSubscription = { auditEntryAdded: { id: string, at: string, kind: string, target: string | null, detail: unknown, requestId: string | null, actor: { id: string, username: string } | null } };

export type StandGuardsFragment = { interlocks: Array<{ id: string, description: string, ok: boolean, reason: string | null }>, powerSupply: { system: string, lvOn: boolean, hvOn: boolean, modules: Array<{ module: string, state: string }>, controls: Array<{ command: DeviceCommand, allowed: boolean, reason: string | null, blockedBy: ControlBlock | null }> } };

export type DeviceGatesFragment = { controls: Array<{ command: DeviceCommand, allowed: boolean, reason: string | null, blockedBy: ControlBlock | null, limits: { min: number, max: number, unit: string } | null }> };

export type DcsPageQueryVariables = Exact<{ [key: string]: never; }>;


export type DcsPageQuery = { devices: Array<{ id: string, name: string, kind: DeviceKind, state: string, online: boolean, lastSeenAt: string | null, latest: Array<{ metric: string, value: number, at: string }>, controls: Array<{ command: DeviceCommand, allowed: boolean, reason: string | null, blockedBy: ControlBlock | null, limits: { min: number, max: number, unit: string } | null }> }>, interlocks: Array<{ id: string, description: string, ok: boolean, reason: string | null }>, powerSupply: { system: string, lvOn: boolean, hvOn: boolean, modules: Array<{ module: string, state: string }>, controls: Array<{ command: DeviceCommand, allowed: boolean, reason: string | null, blockedBy: ControlBlock | null }> } };

export type DcsGuardsQueryVariables = Exact<{ [key: string]: never; }>;


export type DcsGuardsQuery = { devices: Array<{ id: string, controls: Array<{ command: DeviceCommand, allowed: boolean, reason: string | null, blockedBy: ControlBlock | null, limits: { min: number, max: number, unit: string } | null }> }>, interlocks: Array<{ id: string, description: string, ok: boolean, reason: string | null }>, powerSupply: { system: string, lvOn: boolean, hvOn: boolean, modules: Array<{ module: string, state: string }>, controls: Array<{ command: DeviceCommand, allowed: boolean, reason: string | null, blockedBy: ControlBlock | null }> } };

export type DcsReadingsSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type DcsReadingsSubscription = { readingsAdded: Array<{ deviceId: string, metric: string, value: number, at: string }> };

export type DcsDeviceStatesSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type DcsDeviceStatesSubscription = { deviceStateChanged: { id: string, state: string, online: boolean, lastSeenAt: string | null, controls: Array<{ command: DeviceCommand, allowed: boolean, reason: string | null, blockedBy: ControlBlock | null, limits: { min: number, max: number, unit: string } | null }> } };

export type DevicePageQueryVariables = Exact<{
  id: string | number;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type DevicePageQuery = { device: { id: string, name: string, kind: DeviceKind, state: string, online: boolean, lastSeenAt: string | null } | null, deviceCommands: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, at: string, kind: string, status: CommandStatus, accepted: boolean, result: string | null, reason: string | null, system: string | null, issuedBy: { username: string } | null } }> } };

export type ControlHostsQueryVariables = Exact<{ [key: string]: never; }>;


export type ControlHostsQuery = { dqmHosts: Array<{ id: string, name: string, cluster: Cluster, up: boolean, controllable: boolean }> };

export type DqmRunPageQueryVariables = Exact<{
  camera: string;
  runNumber: number;
}>;


export type DqmRunPageQuery = { dqmRun: { camera: string, runNumber: number, startedAt: string, endedAt: string | null, quantityKeys: Array<{ key: string, label: string, gain: Gain | null, field: string | null, unit: string | null, dtype: string, shape: Array<number> }> } | null, cameraGeometry: { camera: string, geometry: string, pixelShape: string, pixelRotationDeg: number, pixels: Array<{ id: number, x: number, y: number }> } };

export type DqmRunRowFragment = { camera: string, runNumber: number, startedAt: string, endedAt: string | null, badPixels: number | null };

export type DqmRunsQueryVariables = Exact<{
  camera?: string | null | undefined;
  fromRun?: number | null | undefined;
  toRun?: number | null | undefined;
  onlyBad?: boolean | null | undefined;
  minBadPixels?: number | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type DqmRunsQuery = { dqmRuns: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { camera: string, runNumber: number, startedAt: string, endedAt: string | null, badPixels: number | null } }> } };

export type DqmRunIngestedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type DqmRunIngestedSubscription = { dqmRunIngested: { camera: string, runNumber: number, startedAt: string, endedAt: string | null, badPixels: number | null } };

export type OusPageQueryVariables = Exact<{
  id: string | number;
}>;


export type OusPageQuery = { obsUnitSet: { id: string, programId: string, state: OusState, substate: string | null, executive: Executive | null, recipe: string | null, createdAt: string, updatedAt: string, availableActions: Array<{ action: OusAction, allowed: boolean, reason: string | null, blockedBy: OusActionBlock | null }>, history: Array<{ from: OusState | null, to: OusState, substate: string | null, at: string, reason: string | null, systemActor: string | null, actor: { username: string } | null }> } | null };

export type OusMovesSubscriptionVariables = Exact<{
  ousId: string | number;
  after?: string | null | undefined;
}>;


export type OusMovesSubscription = { ousStateChanged: { eventId: string, ous: { id: string, state: OusState, substate: string | null, executive: Executive | null, recipe: string | null, updatedAt: string, availableActions: Array<{ action: OusAction, allowed: boolean, reason: string | null, blockedBy: OusActionBlock | null }> }, transition: { from: OusState | null, to: OusState, substate: string | null, at: string, reason: string | null, systemActor: string | null, actor: { username: string } | null } } };

export type QueueJobDetailQueryVariables = Exact<{
  queue: string;
  id: string | number;
}>;


export type QueueJobDetailQuery = { job: { id: string, queue: string, name: string, state: JobState, progress: unknown, attemptsMade: number, maxAttempts: number, failedReason: string | null, stacktrace: Array<string> | null, data: unknown, returnValue: unknown, createdAt: string, processedAt: string | null, finishedAt: string | null, runAt: string | null, logs: Array<string> | null } | null };

export type QueueJobEventsSubscriptionVariables = Exact<{
  queue?: string | null | undefined;
  id?: string | number | null | undefined;
}>;


export type QueueJobEventsSubscription = { jobProgress: { id: string, event: JobEventKind, progress: unknown, failedReason: string | null, at: string } };

export type QueueAdminQueryVariables = Exact<{ [key: string]: never; }>;


export type QueueAdminQuery = { queues: Array<{ name: string, paused: boolean, throughputPerMinute: number, failureRatePerMinute: number, counts: { waiting: number, active: number, completed: number, failed: number, delayed: number, prioritized: number, waitingChildren: number }, activity: { completed: Array<number>, failed: Array<number> }, schedulers: Array<{ id: string, name: string, pattern: string | null, everyMs: number | null, nextRun: string | null, iterationCount: number }> }> };

export type BoardColumnQueryVariables = Exact<{
  state: OusState;
  programId?: string | null | undefined;
  first?: number | null | undefined;
}>;


export type BoardColumnQuery = { obsUnitSets: { totalCount: number, edges: Array<{ node: { id: string, programId: string, state: OusState, substate: string | null, executive: Executive | null, recipe: string | null, updatedAt: string } }> } };

export type BoardCountsQueryVariables = Exact<{
  programId?: string | null | undefined;
}>;


export type BoardCountsQuery = { obsUnitSetCounts: Array<{ state: OusState, count: number }> };

export type BoardMovesSubscriptionVariables = Exact<{
  programId?: string | null | undefined;
  after?: string | null | undefined;
}>;


export type BoardMovesSubscription = { ousStateChanged: { eventId: string, ous: { id: string, programId: string, state: OusState, substate: string | null, executive: Executive | null, recipe: string | null, updatedAt: string }, transition: { from: OusState | null, to: OusState } } };

export const AlertsObjectFactsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AlertsObjectFacts"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DiaObject"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"ra"}},{"kind":"Field","name":{"kind":"Name","value":"decl"}},{"kind":"Field","name":{"kind":"Name","value":"mwebv"}},{"kind":"Field","name":{"kind":"Name","value":"isddf"}},{"kind":"Field","name":{"kind":"Name","value":"zFinal"}},{"kind":"Field","name":{"kind":"Name","value":"zFinalErr"}},{"kind":"Field","name":{"kind":"Name","value":"nDetections"}},{"kind":"Field","name":{"kind":"Name","value":"firstDetectionMjd"}},{"kind":"Field","name":{"kind":"Name","value":"lastDetectionMjd"}},{"kind":"Field","name":{"kind":"Name","value":"hostgal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ra"}},{"kind":"Field","name":{"kind":"Name","value":"dec"}},{"kind":"Field","name":{"kind":"Name","value":"snsep"}},{"kind":"Field","name":{"kind":"Name","value":"zspec"}},{"kind":"Field","name":{"kind":"Name","value":"zspecErr"}},{"kind":"Field","name":{"kind":"Name","value":"zphot"}},{"kind":"Field","name":{"kind":"Name","value":"zphotErr"}},{"kind":"Field","name":{"kind":"Name","value":"magG"}},{"kind":"Field","name":{"kind":"Name","value":"magR"}},{"kind":"Field","name":{"kind":"Name","value":"magI"}}]}},{"kind":"Field","name":{"kind":"Name","value":"truth"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"gentype"}},{"kind":"Field","name":{"kind":"Name","value":"classId"}},{"kind":"Field","name":{"kind":"Name","value":"className"}},{"kind":"Field","name":{"kind":"Name","value":"zcmb"}},{"kind":"Field","name":{"kind":"Name","value":"zhelio"}},{"kind":"Field","name":{"kind":"Name","value":"peakMjd"}},{"kind":"Field","name":{"kind":"Name","value":"peakMags"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"filterName"}},{"kind":"Field","name":{"kind":"Name","value":"mag"}}]}},{"kind":"Field","name":{"kind":"Name","value":"snrmax"}}]}},{"kind":"Field","name":{"kind":"Name","value":"spectra"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"wanted"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requester"}},{"kind":"Field","name":{"kind":"Name","value":"priority"}},{"kind":"Field","name":{"kind":"Name","value":"wantedAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"planned"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"facility"}},{"kind":"Field","name":{"kind":"Name","value":"plannedFor"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}}]}},{"kind":"Field","name":{"kind":"Name","value":"reported"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"facility"}},{"kind":"Field","name":{"kind":"Name","value":"mjd"}},{"kind":"Field","name":{"kind":"Name","value":"z"}},{"kind":"Field","name":{"kind":"Name","value":"classId"}}]}}]}}]}}]} as unknown as DocumentNode<AlertsObjectFactsFragment, unknown>;
export const AlertsSqlRunFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AlertsSqlRun"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SqlRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"query"}},{"kind":"Field","name":{"kind":"Name","value":"submittedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"rowCount"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"csvUrl"}},{"kind":"Field","name":{"kind":"Name","value":"jsonUrl"}}]}}]} as unknown as DocumentNode<AlertsSqlRunFragment, unknown>;
export const DqmHostRowFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DqmHostRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DqmHost"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"cluster"}},{"kind":"Field","name":{"kind":"Name","value":"up"}},{"kind":"Field","name":{"kind":"Name","value":"lastSyncAt"}},{"kind":"Field","name":{"kind":"Name","value":"lagSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"failures"}},{"kind":"Field","name":{"kind":"Name","value":"backoffUntil"}},{"kind":"Field","name":{"kind":"Name","value":"controllable"}}]}}]} as unknown as DocumentNode<DqmHostRowFragment, unknown>;
export const DqmJobRowFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DqmJobRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DqmJob"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"host"}},{"kind":"Field","name":{"kind":"Name","value":"cluster"}},{"kind":"Field","name":{"kind":"Name","value":"client"}},{"kind":"Field","name":{"kind":"Name","value":"run"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"exitCode"}},{"kind":"Field","name":{"kind":"Name","value":"eventsTotal"}},{"kind":"Field","name":{"kind":"Name","value":"eventsRate"}},{"kind":"Field","name":{"kind":"Name","value":"lumisection"}},{"kind":"Field","name":{"kind":"Name","value":"runKey"}},{"kind":"Field","name":{"kind":"Name","value":"cmsswVersion"}},{"kind":"Field","name":{"kind":"Name","value":"memoryKb"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"stuck"}}]}}]} as unknown as DocumentNode<DqmJobRowFragment, unknown>;
export const CommandOutcomeFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CommandOutcome"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CommandResult"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accepted"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]} as unknown as DocumentNode<CommandOutcomeFragment, unknown>;
export const AlertsClassificationEntryFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AlertsClassificationEntry"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Classification"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"classifierId"}},{"kind":"Field","name":{"kind":"Name","value":"classId"}},{"kind":"Field","name":{"kind":"Name","value":"className"}},{"kind":"Field","name":{"kind":"Name","value":"probability"}},{"kind":"Field","name":{"kind":"Name","value":"brokerMessageId"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"classifier"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"brokerName"}},{"kind":"Field","name":{"kind":"Name","value":"classifierName"}}]}}]}}]} as unknown as DocumentNode<AlertsClassificationEntryFragment, unknown>;
export const AlertsObjectRowFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AlertsObjectRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DiaObject"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"ra"}},{"kind":"Field","name":{"kind":"Name","value":"decl"}},{"kind":"Field","name":{"kind":"Name","value":"nDetections"}},{"kind":"Field","name":{"kind":"Name","value":"firstDetectionMjd"}},{"kind":"Field","name":{"kind":"Name","value":"lastDetectionMjd"}}]}}]} as unknown as DocumentNode<AlertsObjectRowFragment, unknown>;
export const AuditRowFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AuditRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AuditEntry"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"detail"}},{"kind":"Field","name":{"kind":"Name","value":"requestId"}},{"kind":"Field","name":{"kind":"Name","value":"actor"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"username"}}]}}]}}]} as unknown as DocumentNode<AuditRowFragment, unknown>;
export const StandGuardsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"StandGuards"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Query"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"interlocks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"ok"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}},{"kind":"Field","name":{"kind":"Name","value":"powerSupply"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"system"}},{"kind":"Field","name":{"kind":"Name","value":"lvOn"}},{"kind":"Field","name":{"kind":"Name","value":"hvOn"}},{"kind":"Field","name":{"kind":"Name","value":"modules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"module"}},{"kind":"Field","name":{"kind":"Name","value":"state"}}]}},{"kind":"Field","name":{"kind":"Name","value":"controls"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"command"}},{"kind":"Field","name":{"kind":"Name","value":"allowed"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"blockedBy"}}]}}]}}]}}]} as unknown as DocumentNode<StandGuardsFragment, unknown>;
export const DeviceGatesFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DeviceGates"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Device"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"controls"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"command"}},{"kind":"Field","name":{"kind":"Name","value":"allowed"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"blockedBy"}},{"kind":"Field","name":{"kind":"Name","value":"limits"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"min"}},{"kind":"Field","name":{"kind":"Name","value":"max"}},{"kind":"Field","name":{"kind":"Name","value":"unit"}}]}}]}}]}}]} as unknown as DocumentNode<DeviceGatesFragment, unknown>;
export const DqmRunRowFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DqmRunRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DqmRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"camera"}},{"kind":"Field","name":{"kind":"Name","value":"runNumber"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"endedAt"}},{"kind":"Field","name":{"kind":"Name","value":"badPixels"}}]}}]} as unknown as DocumentNode<DqmRunRowFragment, unknown>;
export const OusCountsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OusCounts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"obsUnitSetCounts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}}]} as unknown as DocumentNode<OusCountsQuery, OusCountsQueryVariables>;
export const QueuesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Queues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"queues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"paused"}},{"kind":"Field","name":{"kind":"Name","value":"throughputPerMinute"}},{"kind":"Field","name":{"kind":"Name","value":"counts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"waiting"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"completed"}},{"kind":"Field","name":{"kind":"Name","value":"failed"}},{"kind":"Field","name":{"kind":"Name","value":"delayed"}}]}}]}}]}}]} as unknown as DocumentNode<QueuesQuery, QueuesQueryVariables>;
export const DcsAlarmsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DcsAlarms"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"alarms"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"rule"}},{"kind":"Field","name":{"kind":"Name","value":"deviceId"}},{"kind":"Field","name":{"kind":"Name","value":"severity"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"raisedAt"}},{"kind":"Field","name":{"kind":"Name","value":"clearedAt"}},{"kind":"Field","name":{"kind":"Name","value":"acknowledgedAt"}},{"kind":"Field","name":{"kind":"Name","value":"acknowledgedBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"username"}}]}},{"kind":"Field","name":{"kind":"Name","value":"controls"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"command"}},{"kind":"Field","name":{"kind":"Name","value":"allowed"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]}}]}}]} as unknown as DocumentNode<DcsAlarmsQuery, DcsAlarmsQueryVariables>;
export const DcsAlarmRaisedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"DcsAlarmRaised"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"alarmRaised"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<DcsAlarmRaisedSubscription, DcsAlarmRaisedSubscriptionVariables>;
export const AcknowledgeAlarmDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AcknowledgeAlarm"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"acknowledgeAlarm"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CommandOutcome"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CommandOutcome"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CommandResult"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accepted"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]} as unknown as DocumentNode<AcknowledgeAlarmMutation, AcknowledgeAlarmMutationVariables>;
export const SetChillerSetpointDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetChillerSetpoint"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"deviceId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"temperature"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Float"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setChillerSetpoint"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"deviceId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"deviceId"}}},{"kind":"Argument","name":{"kind":"Name","value":"temperature"},"value":{"kind":"Variable","name":{"kind":"Name","value":"temperature"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CommandOutcome"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CommandOutcome"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CommandResult"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accepted"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]} as unknown as DocumentNode<SetChillerSetpointMutation, SetChillerSetpointMutationVariables>;
export const StartChillerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StartChiller"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"deviceId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"startChiller"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"deviceId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"deviceId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CommandOutcome"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CommandOutcome"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CommandResult"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accepted"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]} as unknown as DocumentNode<StartChillerMutation, StartChillerMutationVariables>;
export const StopChillerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StopChiller"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"deviceId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"stopChiller"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"deviceId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"deviceId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CommandOutcome"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CommandOutcome"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CommandResult"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accepted"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]} as unknown as DocumentNode<StopChillerMutation, StopChillerMutationVariables>;
export const DeviceSeriesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DeviceSeries"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"metric"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"bucketSeconds"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"device"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"series"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"metric"},"value":{"kind":"Variable","name":{"kind":"Name","value":"metric"}}},{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}},{"kind":"Argument","name":{"kind":"Name","value":"bucketSeconds"},"value":{"kind":"Variable","name":{"kind":"Name","value":"bucketSeconds"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"min"}},{"kind":"Field","name":{"kind":"Name","value":"max"}},{"kind":"Field","name":{"kind":"Name","value":"avg"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}}]}}]} as unknown as DocumentNode<DeviceSeriesQuery, DeviceSeriesQueryVariables>;
export const ChartReadingsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"ChartReadings"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"deviceId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"metric"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"readingsAdded"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"deviceId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"deviceId"}}},{"kind":"Argument","name":{"kind":"Name","value":"metric"},"value":{"kind":"Variable","name":{"kind":"Name","value":"metric"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"at"}}]}}]}}]} as unknown as DocumentNode<ChartReadingsSubscription, ChartReadingsSubscriptionVariables>;
export const SwitchLowVoltageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SwitchLowVoltage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"on"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"switchLowVoltage"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"on"},"value":{"kind":"Variable","name":{"kind":"Name","value":"on"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CommandOutcome"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CommandOutcome"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CommandResult"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accepted"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]} as unknown as DocumentNode<SwitchLowVoltageMutation, SwitchLowVoltageMutationVariables>;
export const SwitchHighVoltageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SwitchHighVoltage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"on"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"switchHighVoltage"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"on"},"value":{"kind":"Variable","name":{"kind":"Name","value":"on"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CommandOutcome"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CommandOutcome"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CommandResult"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accepted"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]} as unknown as DocumentNode<SwitchHighVoltageMutation, SwitchHighVoltageMutationVariables>;
export const SetChannelVoltageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetChannelVoltage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"channelId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"kind"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SupplyKind"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"volts"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Float"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setChannelVoltage"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"channelId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"channelId"}}},{"kind":"Argument","name":{"kind":"Name","value":"kind"},"value":{"kind":"Variable","name":{"kind":"Name","value":"kind"}}},{"kind":"Argument","name":{"kind":"Name","value":"volts"},"value":{"kind":"Variable","name":{"kind":"Name","value":"volts"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CommandOutcome"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CommandOutcome"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CommandResult"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accepted"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]} as unknown as DocumentNode<SetChannelVoltageMutation, SetChannelVoltageMutationVariables>;
export const DqmPixelQuantityDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DqmPixelQuantity"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"camera"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"runNumber"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"key"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"gain"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Gain"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"badKey"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dqmRun"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"camera"},"value":{"kind":"Variable","name":{"kind":"Name","value":"camera"}}},{"kind":"Argument","name":{"kind":"Name","value":"runNumber"},"value":{"kind":"Variable","name":{"kind":"Name","value":"runNumber"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"camera"}},{"kind":"Field","name":{"kind":"Name","value":"runNumber"}},{"kind":"Field","alias":{"kind":"Name","value":"shown"},"name":{"kind":"Name","value":"quantity"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"key"},"value":{"kind":"Variable","name":{"kind":"Name","value":"key"}}},{"kind":"Argument","name":{"kind":"Name","value":"gain"},"value":{"kind":"Variable","name":{"kind":"Name","value":"gain"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"gain"}},{"kind":"Field","name":{"kind":"Name","value":"unit"}},{"kind":"Field","name":{"kind":"Name","value":"dtype"}},{"kind":"Field","name":{"kind":"Name","value":"shape"}},{"kind":"Field","name":{"kind":"Name","value":"base64"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"bad"},"name":{"kind":"Name","value":"quantity"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"key"},"value":{"kind":"Variable","name":{"kind":"Name","value":"badKey"}}},{"kind":"Argument","name":{"kind":"Name","value":"gain"},"value":{"kind":"Variable","name":{"kind":"Name","value":"gain"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dtype"}},{"kind":"Field","name":{"kind":"Name","value":"base64"}}]}}]}}]}}]} as unknown as DocumentNode<DqmPixelQuantityQuery, DqmPixelQuantityQueryVariables>;
export const ControlAuditDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ControlAudit"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"host"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"controlRoomAudit"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"host"},"value":{"kind":"Variable","name":{"kind":"Name","value":"host"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"actor"}},{"kind":"Field","name":{"kind":"Name","value":"host"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"action"}},{"kind":"Field","name":{"kind":"Name","value":"args"}},{"kind":"Field","name":{"kind":"Name","value":"ok"}},{"kind":"Field","name":{"kind":"Name","value":"output"}},{"kind":"Field","name":{"kind":"Name","value":"durationMs"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ControlAuditQuery, ControlAuditQueryVariables>;
export const ControlRoomDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ControlRoom"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"action"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ControlRoomAction"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"host"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"args"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"JSON"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"controlRoom"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"action"},"value":{"kind":"Variable","name":{"kind":"Name","value":"action"}}},{"kind":"Argument","name":{"kind":"Name","value":"host"},"value":{"kind":"Variable","name":{"kind":"Name","value":"host"}}},{"kind":"Argument","name":{"kind":"Name","value":"args"},"value":{"kind":"Variable","name":{"kind":"Name","value":"args"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ok"}},{"kind":"Field","name":{"kind":"Name","value":"output"}},{"kind":"Field","name":{"kind":"Name","value":"auditId"}}]}}]}}]} as unknown as DocumentNode<ControlRoomMutation, ControlRoomMutationVariables>;
export const DqmHostsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DqmHosts"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"cluster"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Cluster"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dqmHosts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"cluster"},"value":{"kind":"Variable","name":{"kind":"Name","value":"cluster"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DqmHostRow"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DqmHostRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DqmHost"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"cluster"}},{"kind":"Field","name":{"kind":"Name","value":"up"}},{"kind":"Field","name":{"kind":"Name","value":"lastSyncAt"}},{"kind":"Field","name":{"kind":"Name","value":"lagSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"failures"}},{"kind":"Field","name":{"kind":"Name","value":"backoffUntil"}},{"kind":"Field","name":{"kind":"Name","value":"controllable"}}]}}]} as unknown as DocumentNode<DqmHostsQuery, DqmHostsQueryVariables>;
export const DqmHostChangedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"DqmHostChanged"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"cluster"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Cluster"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dqmHostChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"cluster"},"value":{"kind":"Variable","name":{"kind":"Name","value":"cluster"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DqmHostRow"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DqmHostRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DqmHost"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"cluster"}},{"kind":"Field","name":{"kind":"Name","value":"up"}},{"kind":"Field","name":{"kind":"Name","value":"lastSyncAt"}},{"kind":"Field","name":{"kind":"Name","value":"lagSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"failures"}},{"kind":"Field","name":{"kind":"Name","value":"backoffUntil"}},{"kind":"Field","name":{"kind":"Name","value":"controllable"}}]}}]} as unknown as DocumentNode<DqmHostChangedSubscription, DqmHostChangedSubscriptionVariables>;
export const DqmJobsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DqmJobs"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"cluster"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Cluster"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"state"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DqmJobState"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"host"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"run"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dqmJobs"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"cluster"},"value":{"kind":"Variable","name":{"kind":"Name","value":"cluster"}}},{"kind":"Argument","name":{"kind":"Name","value":"state"},"value":{"kind":"Variable","name":{"kind":"Name","value":"state"}}},{"kind":"Argument","name":{"kind":"Name","value":"host"},"value":{"kind":"Variable","name":{"kind":"Name","value":"host"}}},{"kind":"Argument","name":{"kind":"Name","value":"run"},"value":{"kind":"Variable","name":{"kind":"Name","value":"run"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DqmJobRow"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DqmJobRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DqmJob"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"host"}},{"kind":"Field","name":{"kind":"Name","value":"cluster"}},{"kind":"Field","name":{"kind":"Name","value":"client"}},{"kind":"Field","name":{"kind":"Name","value":"run"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"exitCode"}},{"kind":"Field","name":{"kind":"Name","value":"eventsTotal"}},{"kind":"Field","name":{"kind":"Name","value":"eventsRate"}},{"kind":"Field","name":{"kind":"Name","value":"lumisection"}},{"kind":"Field","name":{"kind":"Name","value":"runKey"}},{"kind":"Field","name":{"kind":"Name","value":"cmsswVersion"}},{"kind":"Field","name":{"kind":"Name","value":"memoryKb"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"stuck"}}]}}]} as unknown as DocumentNode<DqmJobsQuery, DqmJobsQueryVariables>;
export const DqmJobUpdatedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"DqmJobUpdated"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"cluster"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Cluster"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"run"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dqmJobUpdated"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"cluster"},"value":{"kind":"Variable","name":{"kind":"Name","value":"cluster"}}},{"kind":"Argument","name":{"kind":"Name","value":"run"},"value":{"kind":"Variable","name":{"kind":"Name","value":"run"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DqmJobRow"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DqmJobRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DqmJob"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"host"}},{"kind":"Field","name":{"kind":"Name","value":"cluster"}},{"kind":"Field","name":{"kind":"Name","value":"client"}},{"kind":"Field","name":{"kind":"Name","value":"run"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"exitCode"}},{"kind":"Field","name":{"kind":"Name","value":"eventsTotal"}},{"kind":"Field","name":{"kind":"Name","value":"eventsRate"}},{"kind":"Field","name":{"kind":"Name","value":"lumisection"}},{"kind":"Field","name":{"kind":"Name","value":"runKey"}},{"kind":"Field","name":{"kind":"Name","value":"cmsswVersion"}},{"kind":"Field","name":{"kind":"Name","value":"memoryKb"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"stuck"}}]}}]} as unknown as DocumentNode<DqmJobUpdatedSubscription, DqmJobUpdatedSubscriptionVariables>;
export const DqmRunDetailsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DqmRunDetails"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"camera"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"runNumber"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"gain"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Gain"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"waveformKey"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"badKey"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"timelineKey"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"statsKeys"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dqmRun"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"camera"},"value":{"kind":"Variable","name":{"kind":"Name","value":"camera"}}},{"kind":"Argument","name":{"kind":"Name","value":"runNumber"},"value":{"kind":"Variable","name":{"kind":"Name","value":"runNumber"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"camera"}},{"kind":"Field","name":{"kind":"Name","value":"runNumber"}},{"kind":"Field","alias":{"kind":"Name","value":"waveforms"},"name":{"kind":"Name","value":"quantity"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"key"},"value":{"kind":"Variable","name":{"kind":"Name","value":"waveformKey"}}},{"kind":"Argument","name":{"kind":"Name","value":"gain"},"value":{"kind":"Variable","name":{"kind":"Name","value":"gain"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dtype"}},{"kind":"Field","name":{"kind":"Name","value":"shape"}},{"kind":"Field","name":{"kind":"Name","value":"unit"}},{"kind":"Field","name":{"kind":"Name","value":"base64"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"bad"},"name":{"kind":"Name","value":"quantity"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"key"},"value":{"kind":"Variable","name":{"kind":"Name","value":"badKey"}}},{"kind":"Argument","name":{"kind":"Name","value":"gain"},"value":{"kind":"Variable","name":{"kind":"Name","value":"gain"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dtype"}},{"kind":"Field","name":{"kind":"Name","value":"base64"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"timeline"},"name":{"kind":"Name","value":"quantity"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"key"},"value":{"kind":"Variable","name":{"kind":"Name","value":"timelineKey"}}},{"kind":"Argument","name":{"kind":"Name","value":"gain"},"value":{"kind":"Variable","name":{"kind":"Name","value":"gain"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dtype"}},{"kind":"Field","name":{"kind":"Name","value":"shape"}},{"kind":"Field","name":{"kind":"Name","value":"base64"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"stats"},"name":{"kind":"Name","value":"quantities"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"keys"},"value":{"kind":"Variable","name":{"kind":"Name","value":"statsKeys"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"unit"}},{"kind":"Field","name":{"kind":"Name","value":"dtype"}},{"kind":"Field","name":{"kind":"Name","value":"values"}}]}}]}}]}}]} as unknown as DocumentNode<DqmRunDetailsQuery, DqmRunDetailsQueryVariables>;
export const DqmSquareRunDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DqmSquareRun"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"cluster"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Cluster"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"run"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dqmSquareRun"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"cluster"},"value":{"kind":"Variable","name":{"kind":"Name","value":"cluster"}}},{"kind":"Argument","name":{"kind":"Name","value":"run"},"value":{"kind":"Variable","name":{"kind":"Name","value":"run"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"run"}},{"kind":"Field","name":{"kind":"Name","value":"cmsswVersion"}},{"kind":"Field","name":{"kind":"Name","value":"cmsswVersions"}},{"kind":"Field","name":{"kind":"Name","value":"runKey"}},{"kind":"Field","name":{"kind":"Name","value":"jobCounts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"running"}},{"kind":"Field","name":{"kind":"Name","value":"finished"}},{"kind":"Field","name":{"kind":"Name","value":"crashed"}},{"kind":"Field","name":{"kind":"Name","value":"stuck"}}]}},{"kind":"Field","name":{"kind":"Name","value":"deliveries"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"stream"}},{"kind":"Field","name":{"kind":"Name","value":"lumisection"}},{"kind":"Field","name":{"kind":"Name","value":"delaySeconds"}},{"kind":"Field","name":{"kind":"Name","value":"acceptedEvents"}}]}}]}}]}}]} as unknown as DocumentNode<DqmSquareRunQuery, DqmSquareRunQueryVariables>;
export const DqmRunSummariesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DqmRunSummaries"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"cluster"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Cluster"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"onlyBad"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"hasLumisections"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dqmRunSummaries"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"cluster"},"value":{"kind":"Variable","name":{"kind":"Name","value":"cluster"}}},{"kind":"Argument","name":{"kind":"Name","value":"onlyBad"},"value":{"kind":"Variable","name":{"kind":"Name","value":"onlyBad"}}},{"kind":"Argument","name":{"kind":"Name","value":"hasLumisections"},"value":{"kind":"Variable","name":{"kind":"Name","value":"hasLumisections"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"run"}},{"kind":"Field","name":{"kind":"Name","value":"jobs"}},{"kind":"Field","name":{"kind":"Name","value":"finished"}},{"kind":"Field","name":{"kind":"Name","value":"crashed"}},{"kind":"Field","name":{"kind":"Name","value":"bad"}},{"kind":"Field","name":{"kind":"Name","value":"hasLumisections"}},{"kind":"Field","name":{"kind":"Name","value":"maxLumisection"}},{"kind":"Field","name":{"kind":"Name","value":"firstUpdate"}},{"kind":"Field","name":{"kind":"Name","value":"lastUpdate"}}]}}]}}]}}]}}]} as unknown as DocumentNode<DqmRunSummariesQuery, DqmRunSummariesQueryVariables>;
export const QueueJobsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"QueueJobs"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"queue"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"state"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"JobState"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"search"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"jobs"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"queue"},"value":{"kind":"Variable","name":{"kind":"Name","value":"queue"}}},{"kind":"Argument","name":{"kind":"Name","value":"state"},"value":{"kind":"Variable","name":{"kind":"Name","value":"state"}}},{"kind":"Argument","name":{"kind":"Name","value":"search"},"value":{"kind":"Variable","name":{"kind":"Name","value":"search"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"attemptsMade"}},{"kind":"Field","name":{"kind":"Name","value":"maxAttempts"}},{"kind":"Field","name":{"kind":"Name","value":"failedReason"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"processedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"runAt"}}]}}]}}]}}]}}]} as unknown as DocumentNode<QueueJobsQuery, QueueJobsQueryVariables>;
export const AssignExecutiveDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AssignExecutive"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ousId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"executive"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Executive"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"assignExecutive"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"ousId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ousId"}}},{"kind":"Argument","name":{"kind":"Name","value":"executive"},"value":{"kind":"Variable","name":{"kind":"Name","value":"executive"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}}]}}]}}]} as unknown as DocumentNode<AssignExecutiveMutation, AssignExecutiveMutationVariables>;
export const StartReviewDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StartReview"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ousId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"startReview"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"ousId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ousId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}}]}}]}}]} as unknown as DocumentNode<StartReviewMutation, StartReviewMutationVariables>;
export const CancelReviewDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CancelReview"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ousId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cancelReview"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"ousId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ousId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}}]}}]}}]} as unknown as DocumentNode<CancelReviewMutation, CancelReviewMutationVariables>;
export const SubmitQa2Document = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SubmitQa2"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ousId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"score"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Qa2Score"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"comment"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"submitQa2"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"ousId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ousId"}}},{"kind":"Argument","name":{"kind":"Name","value":"score"},"value":{"kind":"Variable","name":{"kind":"Name","value":"score"}}},{"kind":"Argument","name":{"kind":"Name","value":"comment"},"value":{"kind":"Variable","name":{"kind":"Name","value":"comment"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}}]}}]}}]} as unknown as DocumentNode<SubmitQa2Mutation, SubmitQa2MutationVariables>;
export const RequeueDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Requeue"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ousId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requeue"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"ousId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ousId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}}]}}]}}]} as unknown as DocumentNode<RequeueMutation, RequeueMutationVariables>;
export const ReportQa3IssueDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ReportQa3Issue"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ousId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"note"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reportQa3Issue"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"ousId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ousId"}}},{"kind":"Argument","name":{"kind":"Name","value":"note"},"value":{"kind":"Variable","name":{"kind":"Name","value":"note"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}}]}}]}}]} as unknown as DocumentNode<ReportQa3IssueMutation, ReportQa3IssueMutationVariables>;
export const ResolveQa3Document = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ResolveQa3"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ousId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"note"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"resolveQa3"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"ousId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ousId"}}},{"kind":"Argument","name":{"kind":"Name","value":"note"},"value":{"kind":"Variable","name":{"kind":"Name","value":"note"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}}]}}]}}]} as unknown as DocumentNode<ResolveQa3Mutation, ResolveQa3MutationVariables>;
export const OusRecordsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OusRecords"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"obsUnitSet"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"pipelineRuns"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"run"}},{"kind":"Field","name":{"kind":"Name","value":"executive"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"exitCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pipelineReports"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"run"}},{"kind":"Field","name":{"kind":"Name","value":"finalScore"}},{"kind":"Field","name":{"kind":"Name","value":"scores"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dataset"}},{"kind":"Field","name":{"kind":"Name","value":"flagging"}},{"kind":"Field","name":{"kind":"Name","value":"calibration"}},{"kind":"Field","name":{"kind":"Name","value":"imaging"}}]}},{"kind":"Field","name":{"kind":"Name","value":"reportDate"}},{"kind":"Field","name":{"kind":"Name","value":"processingTime"}},{"kind":"Field","name":{"kind":"Name","value":"casaVersion"}},{"kind":"Field","name":{"kind":"Name","value":"pipelineVersion"}},{"kind":"Field","name":{"kind":"Name","value":"weblog"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fileName"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"products"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"run"}},{"kind":"Field","name":{"kind":"Name","value":"fileName"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"size"}},{"kind":"Field","name":{"kind":"Name","value":"sha256"}},{"kind":"Field","name":{"kind":"Name","value":"site"}},{"kind":"Field","name":{"kind":"Name","value":"replicaPath"}},{"kind":"Field","name":{"kind":"Name","value":"replicatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"archiveFileId"}},{"kind":"Field","name":{"kind":"Name","value":"archivedAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"deliveryStatus"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"run"}},{"kind":"Field","name":{"kind":"Name","value":"complete"}},{"kind":"Field","name":{"kind":"Name","value":"productCount"}},{"kind":"Field","name":{"kind":"Name","value":"archivedCount"}},{"kind":"Field","name":{"kind":"Name","value":"problem"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]}}]}}]} as unknown as DocumentNode<OusRecordsQuery, OusRecordsQueryVariables>;
export const QueueRetryJobDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"QueueRetryJob"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"queue"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"retryJob"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"queue"},"value":{"kind":"Variable","name":{"kind":"Name","value":"queue"}}},{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}}]}}]}}]} as unknown as DocumentNode<QueueRetryJobMutation, QueueRetryJobMutationVariables>;
export const QueueRemoveJobDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"QueueRemoveJob"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"queue"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"removeJob"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"queue"},"value":{"kind":"Variable","name":{"kind":"Name","value":"queue"}}},{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}]}]}}]} as unknown as DocumentNode<QueueRemoveJobMutation, QueueRemoveJobMutationVariables>;
export const QueuePromoteJobDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"QueuePromoteJob"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"queue"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"promoteJob"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"queue"},"value":{"kind":"Variable","name":{"kind":"Name","value":"queue"}}},{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}}]}}]}}]} as unknown as DocumentNode<QueuePromoteJobMutation, QueuePromoteJobMutationVariables>;
export const QueueRetryAllFailedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"QueueRetryAllFailed"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"queue"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"retryAllFailed"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"queue"},"value":{"kind":"Variable","name":{"kind":"Name","value":"queue"}}}]}]}}]} as unknown as DocumentNode<QueueRetryAllFailedMutation, QueueRetryAllFailedMutationVariables>;
export const QueueCleanDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"QueueClean"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"queue"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"state"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"JobState"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"olderThanSeconds"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cleanQueue"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"queue"},"value":{"kind":"Variable","name":{"kind":"Name","value":"queue"}}},{"kind":"Argument","name":{"kind":"Name","value":"state"},"value":{"kind":"Variable","name":{"kind":"Name","value":"state"}}},{"kind":"Argument","name":{"kind":"Name","value":"olderThanSeconds"},"value":{"kind":"Variable","name":{"kind":"Name","value":"olderThanSeconds"}}}]}]}}]} as unknown as DocumentNode<QueueCleanMutation, QueueCleanMutationVariables>;
export const QueuePauseDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"QueuePause"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pauseQueue"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"paused"}}]}}]}}]} as unknown as DocumentNode<QueuePauseMutation, QueuePauseMutationVariables>;
export const QueueResumeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"QueueResume"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"resumeQueue"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"paused"}}]}}]}}]} as unknown as DocumentNode<QueueResumeMutation, QueueResumeMutationVariables>;
export const AlertsBrokerFiguresDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AlertsBrokerFigures"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"since"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"brokerFigures"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"since"},"value":{"kind":"Variable","name":{"kind":"Name","value":"since"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"classifier"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"brokerName"}},{"kind":"Field","name":{"kind":"Name","value":"brokerVersion"}},{"kind":"Field","name":{"kind":"Name","value":"classifierName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"messages"}},{"kind":"Field","name":{"kind":"Name","value":"duplicates"}},{"kind":"Field","name":{"kind":"Name","value":"delayP50Seconds"}},{"kind":"Field","name":{"kind":"Name","value":"delayP95Seconds"}},{"kind":"Field","name":{"kind":"Name","value":"alertsSent"}},{"kind":"Field","name":{"kind":"Name","value":"alertsClassified"}},{"kind":"Field","name":{"kind":"Name","value":"completeness"}}]}}]}}]} as unknown as DocumentNode<AlertsBrokerFiguresQuery, AlertsBrokerFiguresQueryVariables>;
export const AlertsBrokerSourcesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AlertsBrokerSources"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"brokerSources"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"lastPulledAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"}},{"kind":"Field","name":{"kind":"Name","value":"loaded"}}]}}]}}]} as unknown as DocumentNode<AlertsBrokerSourcesQuery, AlertsBrokerSourcesQueryVariables>;
export const AlertsLiveAlertDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"AlertsLiveAlert"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"AlertFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"alertIngested"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"alertId"}},{"kind":"Field","name":{"kind":"Name","value":"diaObjectId"}},{"kind":"Field","name":{"kind":"Name","value":"ingestedAt"}},{"kind":"Field","name":{"kind":"Name","value":"diaSource"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"midPointTai"}},{"kind":"Field","name":{"kind":"Name","value":"filterName"}},{"kind":"Field","name":{"kind":"Name","value":"psFlux"}},{"kind":"Field","name":{"kind":"Name","value":"psFluxErr"}},{"kind":"Field","name":{"kind":"Name","value":"snr"}}]}}]}}]}}]} as unknown as DocumentNode<AlertsLiveAlertSubscription, AlertsLiveAlertSubscriptionVariables>;
export const AlertsLiveClassificationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"AlertsLiveClassification"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"classId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"minProbability"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Float"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"classificationAdded"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"classId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"classId"}}},{"kind":"Argument","name":{"kind":"Name","value":"minProbability"},"value":{"kind":"Variable","name":{"kind":"Name","value":"minProbability"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"brokerMessageId"}},{"kind":"Field","name":{"kind":"Name","value":"alertId"}},{"kind":"Field","name":{"kind":"Name","value":"diaObjectId"}},{"kind":"Field","name":{"kind":"Name","value":"classId"}},{"kind":"Field","name":{"kind":"Name","value":"className"}},{"kind":"Field","name":{"kind":"Name","value":"probability"}},{"kind":"Field","name":{"kind":"Name","value":"classifier"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"brokerName"}},{"kind":"Field","name":{"kind":"Name","value":"classifierName"}}]}}]}}]}}]} as unknown as DocumentNode<AlertsLiveClassificationSubscription, AlertsLiveClassificationSubscriptionVariables>;
export const AlertsObjectPageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AlertsObjectPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"diaObject"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AlertsObjectFacts"}},{"kind":"Field","name":{"kind":"Name","value":"lightCurve"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"columns"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mjd"}},{"kind":"Field","name":{"kind":"Name","value":"filterName"}},{"kind":"Field","name":{"kind":"Name","value":"psFlux"}},{"kind":"Field","name":{"kind":"Name","value":"psFluxErr"}},{"kind":"Field","name":{"kind":"Name","value":"forced"}}]}}]}},{"kind":"Field","alias":{"kind":"Name","value":"latest"},"name":{"kind":"Name","value":"classifications"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AlertsClassificationEntry"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"history"},"name":{"kind":"Name","value":"classifications"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"history"},"value":{"kind":"BooleanValue","value":true}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AlertsClassificationEntry"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AlertsObjectFacts"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DiaObject"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"ra"}},{"kind":"Field","name":{"kind":"Name","value":"decl"}},{"kind":"Field","name":{"kind":"Name","value":"mwebv"}},{"kind":"Field","name":{"kind":"Name","value":"isddf"}},{"kind":"Field","name":{"kind":"Name","value":"zFinal"}},{"kind":"Field","name":{"kind":"Name","value":"zFinalErr"}},{"kind":"Field","name":{"kind":"Name","value":"nDetections"}},{"kind":"Field","name":{"kind":"Name","value":"firstDetectionMjd"}},{"kind":"Field","name":{"kind":"Name","value":"lastDetectionMjd"}},{"kind":"Field","name":{"kind":"Name","value":"hostgal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ra"}},{"kind":"Field","name":{"kind":"Name","value":"dec"}},{"kind":"Field","name":{"kind":"Name","value":"snsep"}},{"kind":"Field","name":{"kind":"Name","value":"zspec"}},{"kind":"Field","name":{"kind":"Name","value":"zspecErr"}},{"kind":"Field","name":{"kind":"Name","value":"zphot"}},{"kind":"Field","name":{"kind":"Name","value":"zphotErr"}},{"kind":"Field","name":{"kind":"Name","value":"magG"}},{"kind":"Field","name":{"kind":"Name","value":"magR"}},{"kind":"Field","name":{"kind":"Name","value":"magI"}}]}},{"kind":"Field","name":{"kind":"Name","value":"truth"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"gentype"}},{"kind":"Field","name":{"kind":"Name","value":"classId"}},{"kind":"Field","name":{"kind":"Name","value":"className"}},{"kind":"Field","name":{"kind":"Name","value":"zcmb"}},{"kind":"Field","name":{"kind":"Name","value":"zhelio"}},{"kind":"Field","name":{"kind":"Name","value":"peakMjd"}},{"kind":"Field","name":{"kind":"Name","value":"peakMags"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"filterName"}},{"kind":"Field","name":{"kind":"Name","value":"mag"}}]}},{"kind":"Field","name":{"kind":"Name","value":"snrmax"}}]}},{"kind":"Field","name":{"kind":"Name","value":"spectra"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"wanted"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requester"}},{"kind":"Field","name":{"kind":"Name","value":"priority"}},{"kind":"Field","name":{"kind":"Name","value":"wantedAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"planned"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"facility"}},{"kind":"Field","name":{"kind":"Name","value":"plannedFor"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}}]}},{"kind":"Field","name":{"kind":"Name","value":"reported"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"facility"}},{"kind":"Field","name":{"kind":"Name","value":"mjd"}},{"kind":"Field","name":{"kind":"Name","value":"z"}},{"kind":"Field","name":{"kind":"Name","value":"classId"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AlertsClassificationEntry"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Classification"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"classifierId"}},{"kind":"Field","name":{"kind":"Name","value":"classId"}},{"kind":"Field","name":{"kind":"Name","value":"className"}},{"kind":"Field","name":{"kind":"Name","value":"probability"}},{"kind":"Field","name":{"kind":"Name","value":"brokerMessageId"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"classifier"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"brokerName"}},{"kind":"Field","name":{"kind":"Name","value":"classifierName"}}]}}]}}]} as unknown as DocumentNode<AlertsObjectPageQuery, AlertsObjectPageQueryVariables>;
export const AlertsObjectAlertDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"AlertsObjectAlert"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"AlertFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"alertIngested"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"alertId"}}]}}]}}]} as unknown as DocumentNode<AlertsObjectAlertSubscription, AlertsObjectAlertSubscriptionVariables>;
export const AlertsObjectClassificationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"AlertsObjectClassification"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"objectId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"classificationAdded"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"objectId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"objectId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"brokerMessageId"}}]}}]}}]} as unknown as DocumentNode<AlertsObjectClassificationSubscription, AlertsObjectClassificationSubscriptionVariables>;
export const AlertsObjectByIdDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AlertsObjectById"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"diaObject"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AlertsObjectRow"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AlertsObjectRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DiaObject"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"ra"}},{"kind":"Field","name":{"kind":"Name","value":"decl"}},{"kind":"Field","name":{"kind":"Name","value":"nDetections"}},{"kind":"Field","name":{"kind":"Name","value":"firstDetectionMjd"}},{"kind":"Field","name":{"kind":"Name","value":"lastDetectionMjd"}}]}}]} as unknown as DocumentNode<AlertsObjectByIdQuery, AlertsObjectByIdQueryVariables>;
export const AlertsObjectsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AlertsObjects"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DiaObjectFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"diaObjects"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AlertsObjectRow"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AlertsObjectRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DiaObject"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"ra"}},{"kind":"Field","name":{"kind":"Name","value":"decl"}},{"kind":"Field","name":{"kind":"Name","value":"nDetections"}},{"kind":"Field","name":{"kind":"Name","value":"firstDetectionMjd"}},{"kind":"Field","name":{"kind":"Name","value":"lastDetectionMjd"}}]}}]} as unknown as DocumentNode<AlertsObjectsQuery, AlertsObjectsQueryVariables>;
export const AlertsConeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AlertsCone"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ra"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Float"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"dec"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Float"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"radiusArcsec"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Float"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"coneSearch"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"ra"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ra"}}},{"kind":"Argument","name":{"kind":"Name","value":"dec"},"value":{"kind":"Variable","name":{"kind":"Name","value":"dec"}}},{"kind":"Argument","name":{"kind":"Name","value":"radiusArcsec"},"value":{"kind":"Variable","name":{"kind":"Name","value":"radiusArcsec"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"separationArcsec"}},{"kind":"Field","name":{"kind":"Name","value":"object"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AlertsObjectRow"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AlertsObjectRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DiaObject"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"ra"}},{"kind":"Field","name":{"kind":"Name","value":"decl"}},{"kind":"Field","name":{"kind":"Name","value":"nDetections"}},{"kind":"Field","name":{"kind":"Name","value":"firstDetectionMjd"}},{"kind":"Field","name":{"kind":"Name","value":"lastDetectionMjd"}}]}}]} as unknown as DocumentNode<AlertsConeQuery, AlertsConeQueryVariables>;
export const AlertsClassifiersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AlertsClassifiers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"classifiers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"brokerName"}},{"kind":"Field","name":{"kind":"Name","value":"classifierName"}}]}}]}}]} as unknown as DocumentNode<AlertsClassifiersQuery, AlertsClassifiersQueryVariables>;
export const AlertsSqlQueryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AlertsSqlQuery"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"query"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sqlQuery"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"query"},"value":{"kind":"Variable","name":{"kind":"Name","value":"query"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"columns"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rows"}},{"kind":"Field","name":{"kind":"Name","value":"rowCount"}},{"kind":"Field","name":{"kind":"Name","value":"truncated"}},{"kind":"Field","name":{"kind":"Name","value":"elapsedMs"}}]}}]}}]} as unknown as DocumentNode<AlertsSqlQueryQuery, AlertsSqlQueryQueryVariables>;
export const AlertsSubmitSqlDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AlertsSubmitSql"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"query"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"submitSqlQuery"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"query"},"value":{"kind":"Variable","name":{"kind":"Name","value":"query"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AlertsSqlRun"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AlertsSqlRun"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SqlRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"query"}},{"kind":"Field","name":{"kind":"Name","value":"submittedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"rowCount"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"csvUrl"}},{"kind":"Field","name":{"kind":"Name","value":"jsonUrl"}}]}}]} as unknown as DocumentNode<AlertsSubmitSqlMutation, AlertsSubmitSqlMutationVariables>;
export const AlertsSqlRunsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AlertsSqlRuns"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sqlRuns"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AlertsSqlRun"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AlertsSqlRun"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SqlRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"query"}},{"kind":"Field","name":{"kind":"Name","value":"submittedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"rowCount"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"csvUrl"}},{"kind":"Field","name":{"kind":"Name","value":"jsonUrl"}}]}}]} as unknown as DocumentNode<AlertsSqlRunsQuery, AlertsSqlRunsQueryVariables>;
export const AlertsSqlRunUpdatedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"AlertsSqlRunUpdated"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sqlRunUpdated"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AlertsSqlRun"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AlertsSqlRun"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SqlRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"query"}},{"kind":"Field","name":{"kind":"Name","value":"submittedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"rowCount"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"csvUrl"}},{"kind":"Field","name":{"kind":"Name","value":"jsonUrl"}}]}}]} as unknown as DocumentNode<AlertsSqlRunUpdatedSubscription, AlertsSqlRunUpdatedSubscriptionVariables>;
export const AuditLogDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AuditLog"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"actor"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"kind"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"entity"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"since"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"until"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"auditLog"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"actor"},"value":{"kind":"Variable","name":{"kind":"Name","value":"actor"}}},{"kind":"Argument","name":{"kind":"Name","value":"kind"},"value":{"kind":"Variable","name":{"kind":"Name","value":"kind"}}},{"kind":"Argument","name":{"kind":"Name","value":"entity"},"value":{"kind":"Variable","name":{"kind":"Name","value":"entity"}}},{"kind":"Argument","name":{"kind":"Name","value":"since"},"value":{"kind":"Variable","name":{"kind":"Name","value":"since"}}},{"kind":"Argument","name":{"kind":"Name","value":"until"},"value":{"kind":"Variable","name":{"kind":"Name","value":"until"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AuditRow"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AuditRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AuditEntry"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"detail"}},{"kind":"Field","name":{"kind":"Name","value":"requestId"}},{"kind":"Field","name":{"kind":"Name","value":"actor"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"username"}}]}}]}}]} as unknown as DocumentNode<AuditLogQuery, AuditLogQueryVariables>;
export const AuditUsersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AuditUsers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"users"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"username"}}]}}]}}]} as unknown as DocumentNode<AuditUsersQuery, AuditUsersQueryVariables>;
export const AuditEntryAddedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"AuditEntryAdded"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"actor"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"kind"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"entity"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"auditEntryAdded"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"actor"},"value":{"kind":"Variable","name":{"kind":"Name","value":"actor"}}},{"kind":"Argument","name":{"kind":"Name","value":"kind"},"value":{"kind":"Variable","name":{"kind":"Name","value":"kind"}}},{"kind":"Argument","name":{"kind":"Name","value":"entity"},"value":{"kind":"Variable","name":{"kind":"Name","value":"entity"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AuditRow"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AuditRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AuditEntry"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"detail"}},{"kind":"Field","name":{"kind":"Name","value":"requestId"}},{"kind":"Field","name":{"kind":"Name","value":"actor"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"username"}}]}}]}}]} as unknown as DocumentNode<AuditEntryAddedSubscription, AuditEntryAddedSubscriptionVariables>;
export const DcsPageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DcsPage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"devices"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"online"}},{"kind":"Field","name":{"kind":"Name","value":"lastSeenAt"}},{"kind":"Field","name":{"kind":"Name","value":"latest"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"metric"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"at"}}]}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"DeviceGates"}}]}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"StandGuards"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DeviceGates"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Device"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"controls"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"command"}},{"kind":"Field","name":{"kind":"Name","value":"allowed"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"blockedBy"}},{"kind":"Field","name":{"kind":"Name","value":"limits"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"min"}},{"kind":"Field","name":{"kind":"Name","value":"max"}},{"kind":"Field","name":{"kind":"Name","value":"unit"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"StandGuards"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Query"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"interlocks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"ok"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}},{"kind":"Field","name":{"kind":"Name","value":"powerSupply"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"system"}},{"kind":"Field","name":{"kind":"Name","value":"lvOn"}},{"kind":"Field","name":{"kind":"Name","value":"hvOn"}},{"kind":"Field","name":{"kind":"Name","value":"modules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"module"}},{"kind":"Field","name":{"kind":"Name","value":"state"}}]}},{"kind":"Field","name":{"kind":"Name","value":"controls"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"command"}},{"kind":"Field","name":{"kind":"Name","value":"allowed"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"blockedBy"}}]}}]}}]}}]} as unknown as DocumentNode<DcsPageQuery, DcsPageQueryVariables>;
export const DcsGuardsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DcsGuards"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"StandGuards"}},{"kind":"Field","name":{"kind":"Name","value":"devices"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"DeviceGates"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"StandGuards"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Query"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"interlocks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"ok"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}},{"kind":"Field","name":{"kind":"Name","value":"powerSupply"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"system"}},{"kind":"Field","name":{"kind":"Name","value":"lvOn"}},{"kind":"Field","name":{"kind":"Name","value":"hvOn"}},{"kind":"Field","name":{"kind":"Name","value":"modules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"module"}},{"kind":"Field","name":{"kind":"Name","value":"state"}}]}},{"kind":"Field","name":{"kind":"Name","value":"controls"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"command"}},{"kind":"Field","name":{"kind":"Name","value":"allowed"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"blockedBy"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DeviceGates"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Device"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"controls"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"command"}},{"kind":"Field","name":{"kind":"Name","value":"allowed"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"blockedBy"}},{"kind":"Field","name":{"kind":"Name","value":"limits"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"min"}},{"kind":"Field","name":{"kind":"Name","value":"max"}},{"kind":"Field","name":{"kind":"Name","value":"unit"}}]}}]}}]}}]} as unknown as DocumentNode<DcsGuardsQuery, DcsGuardsQueryVariables>;
export const DcsReadingsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"DcsReadings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"readingsAdded"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deviceId"}},{"kind":"Field","name":{"kind":"Name","value":"metric"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"at"}}]}}]}}]} as unknown as DocumentNode<DcsReadingsSubscription, DcsReadingsSubscriptionVariables>;
export const DcsDeviceStatesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"DcsDeviceStates"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deviceStateChanged"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"online"}},{"kind":"Field","name":{"kind":"Name","value":"lastSeenAt"}},{"kind":"Field","name":{"kind":"Name","value":"controls"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"command"}},{"kind":"Field","name":{"kind":"Name","value":"allowed"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"blockedBy"}},{"kind":"Field","name":{"kind":"Name","value":"limits"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"min"}},{"kind":"Field","name":{"kind":"Name","value":"max"}},{"kind":"Field","name":{"kind":"Name","value":"unit"}}]}}]}}]}}]}}]} as unknown as DocumentNode<DcsDeviceStatesSubscription, DcsDeviceStatesSubscriptionVariables>;
export const DevicePageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DevicePage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"device"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"online"}},{"kind":"Field","name":{"kind":"Name","value":"lastSeenAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"deviceCommands"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"deviceId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"accepted"}},{"kind":"Field","name":{"kind":"Name","value":"result"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"system"}},{"kind":"Field","name":{"kind":"Name","value":"issuedBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"username"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<DevicePageQuery, DevicePageQueryVariables>;
export const ControlHostsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ControlHosts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dqmHosts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"cluster"}},{"kind":"Field","name":{"kind":"Name","value":"up"}},{"kind":"Field","name":{"kind":"Name","value":"controllable"}}]}}]}}]} as unknown as DocumentNode<ControlHostsQuery, ControlHostsQueryVariables>;
export const DqmRunPageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DqmRunPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"camera"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"runNumber"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dqmRun"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"camera"},"value":{"kind":"Variable","name":{"kind":"Name","value":"camera"}}},{"kind":"Argument","name":{"kind":"Name","value":"runNumber"},"value":{"kind":"Variable","name":{"kind":"Name","value":"runNumber"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"camera"}},{"kind":"Field","name":{"kind":"Name","value":"runNumber"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"endedAt"}},{"kind":"Field","name":{"kind":"Name","value":"quantityKeys"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"gain"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"unit"}},{"kind":"Field","name":{"kind":"Name","value":"dtype"}},{"kind":"Field","name":{"kind":"Name","value":"shape"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"cameraGeometry"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"camera"},"value":{"kind":"Variable","name":{"kind":"Name","value":"camera"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"camera"}},{"kind":"Field","name":{"kind":"Name","value":"geometry"}},{"kind":"Field","name":{"kind":"Name","value":"pixelShape"}},{"kind":"Field","name":{"kind":"Name","value":"pixelRotationDeg"}},{"kind":"Field","name":{"kind":"Name","value":"pixels"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"x"}},{"kind":"Field","name":{"kind":"Name","value":"y"}}]}}]}}]}}]} as unknown as DocumentNode<DqmRunPageQuery, DqmRunPageQueryVariables>;
export const DqmRunsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DqmRuns"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"camera"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"fromRun"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"toRun"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"onlyBad"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"minBadPixels"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dqmRuns"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"camera"},"value":{"kind":"Variable","name":{"kind":"Name","value":"camera"}}},{"kind":"Argument","name":{"kind":"Name","value":"fromRun"},"value":{"kind":"Variable","name":{"kind":"Name","value":"fromRun"}}},{"kind":"Argument","name":{"kind":"Name","value":"toRun"},"value":{"kind":"Variable","name":{"kind":"Name","value":"toRun"}}},{"kind":"Argument","name":{"kind":"Name","value":"onlyBad"},"value":{"kind":"Variable","name":{"kind":"Name","value":"onlyBad"}}},{"kind":"Argument","name":{"kind":"Name","value":"minBadPixels"},"value":{"kind":"Variable","name":{"kind":"Name","value":"minBadPixels"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DqmRunRow"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DqmRunRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DqmRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"camera"}},{"kind":"Field","name":{"kind":"Name","value":"runNumber"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"endedAt"}},{"kind":"Field","name":{"kind":"Name","value":"badPixels"}}]}}]} as unknown as DocumentNode<DqmRunsQuery, DqmRunsQueryVariables>;
export const DqmRunIngestedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"DqmRunIngested"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dqmRunIngested"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DqmRunRow"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DqmRunRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DqmRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"camera"}},{"kind":"Field","name":{"kind":"Name","value":"runNumber"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"endedAt"}},{"kind":"Field","name":{"kind":"Name","value":"badPixels"}}]}}]} as unknown as DocumentNode<DqmRunIngestedSubscription, DqmRunIngestedSubscriptionVariables>;
export const OusPageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OusPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"obsUnitSet"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"programId"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"substate"}},{"kind":"Field","name":{"kind":"Name","value":"executive"}},{"kind":"Field","name":{"kind":"Name","value":"recipe"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"availableActions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"action"}},{"kind":"Field","name":{"kind":"Name","value":"allowed"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"blockedBy"}}]}},{"kind":"Field","name":{"kind":"Name","value":"history"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"substate"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"systemActor"}},{"kind":"Field","name":{"kind":"Name","value":"actor"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"username"}}]}}]}}]}}]}}]} as unknown as DocumentNode<OusPageQuery, OusPageQueryVariables>;
export const OusMovesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"OusMoves"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ousId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ousStateChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"ousId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ousId"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"eventId"}},{"kind":"Field","name":{"kind":"Name","value":"ous"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"substate"}},{"kind":"Field","name":{"kind":"Name","value":"executive"}},{"kind":"Field","name":{"kind":"Name","value":"recipe"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"availableActions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"action"}},{"kind":"Field","name":{"kind":"Name","value":"allowed"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"blockedBy"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"transition"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"substate"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"systemActor"}},{"kind":"Field","name":{"kind":"Name","value":"actor"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"username"}}]}}]}}]}}]}}]} as unknown as DocumentNode<OusMovesSubscription, OusMovesSubscriptionVariables>;
export const QueueJobDetailDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"QueueJobDetail"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"queue"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"job"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"queue"},"value":{"kind":"Variable","name":{"kind":"Name","value":"queue"}}},{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"queue"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"attemptsMade"}},{"kind":"Field","name":{"kind":"Name","value":"maxAttempts"}},{"kind":"Field","name":{"kind":"Name","value":"failedReason"}},{"kind":"Field","name":{"kind":"Name","value":"stacktrace"}},{"kind":"Field","name":{"kind":"Name","value":"data"}},{"kind":"Field","name":{"kind":"Name","value":"returnValue"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"processedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"runAt"}},{"kind":"Field","name":{"kind":"Name","value":"logs"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"last"},"value":{"kind":"IntValue","value":"200"}}]}]}}]}}]} as unknown as DocumentNode<QueueJobDetailQuery, QueueJobDetailQueryVariables>;
export const QueueJobEventsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"QueueJobEvents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"queue"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"jobProgress"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"queue"},"value":{"kind":"Variable","name":{"kind":"Name","value":"queue"}}},{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"event"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"failedReason"}},{"kind":"Field","name":{"kind":"Name","value":"at"}}]}}]}}]} as unknown as DocumentNode<QueueJobEventsSubscription, QueueJobEventsSubscriptionVariables>;
export const QueueAdminDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"QueueAdmin"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"queues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"paused"}},{"kind":"Field","name":{"kind":"Name","value":"throughputPerMinute"}},{"kind":"Field","name":{"kind":"Name","value":"failureRatePerMinute"}},{"kind":"Field","name":{"kind":"Name","value":"counts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"waiting"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"completed"}},{"kind":"Field","name":{"kind":"Name","value":"failed"}},{"kind":"Field","name":{"kind":"Name","value":"delayed"}},{"kind":"Field","name":{"kind":"Name","value":"prioritized"}},{"kind":"Field","name":{"kind":"Name","value":"waitingChildren"}}]}},{"kind":"Field","name":{"kind":"Name","value":"activity"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"minutes"},"value":{"kind":"IntValue","value":"60"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"completed"}},{"kind":"Field","name":{"kind":"Name","value":"failed"}}]}},{"kind":"Field","name":{"kind":"Name","value":"schedulers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"pattern"}},{"kind":"Field","name":{"kind":"Name","value":"everyMs"}},{"kind":"Field","name":{"kind":"Name","value":"nextRun"}},{"kind":"Field","name":{"kind":"Name","value":"iterationCount"}}]}}]}}]}}]} as unknown as DocumentNode<QueueAdminQuery, QueueAdminQueryVariables>;
export const BoardColumnDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"BoardColumn"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"state"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"OusState"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"programId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"obsUnitSets"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"state"},"value":{"kind":"Variable","name":{"kind":"Name","value":"state"}}},{"kind":"Argument","name":{"kind":"Name","value":"programId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"programId"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"programId"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"substate"}},{"kind":"Field","name":{"kind":"Name","value":"executive"}},{"kind":"Field","name":{"kind":"Name","value":"recipe"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]}}]}}]}}]} as unknown as DocumentNode<BoardColumnQuery, BoardColumnQueryVariables>;
export const BoardCountsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"BoardCounts"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"programId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"obsUnitSetCounts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"programId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"programId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}}]} as unknown as DocumentNode<BoardCountsQuery, BoardCountsQueryVariables>;
export const BoardMovesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"BoardMoves"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"programId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ousStateChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"programId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"programId"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"eventId"}},{"kind":"Field","name":{"kind":"Name","value":"ous"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"programId"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"substate"}},{"kind":"Field","name":{"kind":"Name","value":"executive"}},{"kind":"Field","name":{"kind":"Name","value":"recipe"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"transition"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}}]}}]}}]}}]} as unknown as DocumentNode<BoardMovesSubscription, BoardMovesSubscriptionVariables>;