import { DQM_STREAMS } from '../events.js';
import type { DqmClusterName, DqmHostRow } from './dqm-host.repository.js';
import type { DqmJobRow } from './dqm-job.repository.js';

/**
 * The DQM² streams, declared in src/events.ts with the domain's others. Both go through the dqm
 * outbox: a Redis outage delays a job's or a host's change, never loses it.
 */
export const DQM_SQUARE_STREAMS = {
  dqmJobUpdated: DQM_STREAMS.dqmJobUpdated,
  dqmHostChanged: DQM_STREAMS.dqmHostChanged,
} as const;

/** One job of `dqm.job-updated`: its redacted row (never a host name or a path). */
export interface DqmJobUpdatedEvent {
  id: string;
  hostId: string;
  cluster: DqmClusterName;
  hostName: string;
  run: number;
  client: string;
  runKey: string | null;
  cmsswVersion: string | null;
  exitCode: number | null;
  eventsTotal: string;
  eventsRate: number;
  lumisection: number | null;
  fiState: string | null;
  memoryKb: number | null;
  /** ISO 8601. */
  updatedAt: string;
  rev: string;
}

/** Payload of `dqm.host-changed`: the host right after the change (no URL, no secret). */
export interface DqmHostChangedEvent {
  id: string;
  name: string;
  cluster: DqmClusterName;
  up: boolean;
  lastSyncAt: string | null;
  lagSeconds: number | null;
  error: string | null;
  failures: number;
  backoffUntil: string | null;
}

/**
 * Payload of `dqm.job-updated`: the jobs one applied batch changed, in rev order. One event per batch,
 * never one per job: a first sync applies thousands of documents.
 */
export interface DqmJobsUpdatedEvent {
  jobs: DqmJobUpdatedEvent[];
}

export function dqmJobsUpdatedOf(rows: DqmJobRow[]): DqmJobsUpdatedEvent {
  return { jobs: rows.map(dqmJobUpdatedOf) };
}

export function dqmJobUpdatedOf(row: DqmJobRow): DqmJobUpdatedEvent {
  return {
    id: row.id,
    hostId: row.hostId,
    cluster: row.cluster,
    hostName: row.hostName,
    run: row.run,
    client: row.client,
    runKey: row.runKey,
    cmsswVersion: row.cmsswVersion,
    exitCode: row.exitCode,
    eventsTotal: row.eventsTotal.toString(),
    eventsRate: row.eventsRate,
    lumisection: row.lumisection,
    fiState: row.fiState,
    memoryKb: row.memoryKb,
    updatedAt: row.updatedAt.toISOString(),
    rev: row.rev.toString(),
  };
}

/** The event read back as a row (logs are never in an event), for the row → GraphQL mapper. */
export function jobRowOfEvent(e: DqmJobUpdatedEvent): DqmJobRow {
  return {
    ...e,
    eventsTotal: BigInt(e.eventsTotal),
    rev: BigInt(e.rev),
    updatedAt: new Date(e.updatedAt),
    logHead: null,
    logTail: null,
  };
}

export function dqmHostChangedOf(row: DqmHostRow): DqmHostChangedEvent {
  return {
    id: row.id,
    name: row.name,
    cluster: row.cluster,
    up: row.up,
    lastSyncAt: row.lastSyncAt?.toISOString() ?? null,
    lagSeconds: row.lagSeconds,
    error: row.error,
    failures: row.failures,
    backoffUntil: row.backoffUntil?.toISOString() ?? null,
  };
}

/** The event read back as the host's public fields, for the row → GraphQL mapper. */
export function hostRowOfEvent(e: DqmHostChangedEvent) {
  return {
    ...e,
    lastSyncAt: e.lastSyncAt ? new Date(e.lastSyncAt) : null,
    backoffUntil: e.backoffUntil ? new Date(e.backoffUntil) : null,
  };
}
