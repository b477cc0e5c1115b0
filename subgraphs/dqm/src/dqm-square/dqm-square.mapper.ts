import type { DqmHostRow } from './dqm-host.repository.js';
import type { DqmJobRow } from './dqm-job.repository.js';
import { jobState, type DqmSquareRunSummary } from './dqm-job.service.js';
import { Cluster, DqmJobState, type DqmHost, type DqmJob, type DqmSquareRun } from './dqm-square.type.js';

export function toDqmHost(
  row: Omit<DqmHostRow, 'controlSecret' | 'url' | 'lastRev' | 'createdAt'> & {
    url?: string;
    controlSecret?: string | null;
  },
): DqmHost {
  return {
    id: row.id,
    name: row.name,
    cluster: Cluster[row.cluster],
    up: row.up,
    lastSyncAt: row.lastSyncAt,
    lagSeconds: row.lagSeconds,
    error: row.error,
    failures: row.failures,
    backoffUntil: row.backoffUntil,
    url: row.url ?? null,
    controllable: Boolean(row.controlSecret),
  };
}

export function toDqmJob(row: DqmJobRow, now: Date): DqmJob {
  const state = DqmJobState[jobState(row, now)];
  return {
    id: row.id,
    host: row.hostName,
    cluster: Cluster[row.cluster],
    client: row.client,
    run: row.run,
    state,
    exitCode: row.exitCode,
    eventsTotal: Number(row.eventsTotal),
    eventsRate: row.eventsRate,
    lumisection: row.lumisection,
    runKey: row.runKey,
    cmsswVersion: row.cmsswVersion,
    memoryKb: row.memoryKb,
    updatedAt: row.updatedAt,
    stuck: state === DqmJobState.STUCK,
    logHead: row.logHead,
    logTail: row.logTail,
  };
}

export function toDqmSquareRun(s: DqmSquareRunSummary): DqmSquareRun {
  return {
    run: s.run,
    cmsswVersion: s.cmsswVersions[0] ?? null,
    cmsswVersions: s.cmsswVersions,
    runKey: s.runKeys[0] ?? null,
    jobCounts: {
      running: s.counts.RUNNING,
      finished: s.counts.FINISHED,
      crashed: s.counts.CRASHED,
      stuck: s.counts.STUCK,
    },
    deliveries: s.deliveries.map((d) => ({
      stream: d.stream,
      lumisection: d.lumisection,
      delaySeconds: d.delaySeconds,
      acceptedEvents: d.evtAccepted,
    })),
  };
}
