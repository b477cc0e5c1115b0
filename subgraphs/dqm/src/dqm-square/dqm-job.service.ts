import type { EventBus } from '@opshub/events';
import type { DqmClusterName } from './dqm-host.repository.js';
import {
  STUCK_AFTER_SECONDS,
  type DqmJobRepository,
  type DqmJobRow,
  type DqmJobState,
  type JobFilter,
} from './dqm-job.repository.js';
import { DQM_SQUARE_STREAMS, jobRowOfEvent, type DqmJobsUpdatedEvent } from './dqm-square.events.js';

/** The job's state as the mirror derives it: crashed (exit ≠ 0), finished (0), running, or stuck (> 900 s silent). */
export function jobState(row: Pick<DqmJobRow, 'exitCode' | 'updatedAt'>, now: Date): DqmJobState {
  if (row.exitCode !== null) return row.exitCode === 0 ? 'FINISHED' : 'CRASHED';
  return now.getTime() - row.updatedAt.getTime() > STUCK_AFTER_SECONDS * 1000 ? 'STUCK' : 'RUNNING';
}

export interface StreamDelivery {
  stream: string;
  lumisection: number;
  delaySeconds: number;
  evtAccepted: number;
}

export interface DqmSquareRunSummary {
  run: number;
  cmsswVersions: string[];
  runKeys: string[];
  counts: Record<DqmJobState, number>;
  deliveries: StreamDelivery[];
}

export class DqmJobService {
  constructor(
    private readonly jobs: DqmJobRepository,
    private readonly events: EventBus,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  now(): Date {
    return this.clock();
  }

  page(filter: JobFilter, take: number, after?: { run: number; id: string }): Promise<DqmJobRow[]> {
    return this.jobs.list(filter, this.clock(), take, after);
  }

  count(filter: JobFilter): Promise<number> {
    return this.jobs.count(filter, this.clock());
  }

  runSummaries(
    f: Parameters<DqmJobRepository['runSummaries']>[0],
    take: number,
    beforeRun?: number,
  ): ReturnType<DqmJobRepository['runSummaries']> {
    return this.jobs.runSummaries(f, take, beforeRun);
  }

  /** A run as the mirror shows it: releases, run keys, jobs per state, per-stream delivery. */
  async run(run: number, cluster?: DqmClusterName): Promise<DqmSquareRunSummary | null> {
    const [jobs, deliveries] = await Promise.all([
      this.jobs.jobsOfRun(run, cluster),
      this.jobs.deliveriesOfRun(run),
    ]);
    if (jobs.length === 0 && deliveries.length === 0) return null;
    const now = this.clock();
    const counts: Record<DqmJobState, number> = { RUNNING: 0, FINISHED: 0, CRASHED: 0, STUCK: 0 };
    for (const j of jobs) counts[jobState(j, now)] += 1;
    const distinct = (xs: (string | null)[]) =>
      [...new Set(xs.filter((x): x is string => x !== null))].sort();
    return {
      run,
      cmsswVersions: distinct(jobs.map((j) => j.cmsswVersion)),
      runKeys: distinct(jobs.map((j) => j.runKey)),
      counts,
      deliveries: deliveries.map((d) => ({
        stream: d.stream,
        lumisection: d.lumisection,
        delaySeconds: d.delaySeconds,
        evtAccepted: d.evtAccepted,
      })),
    };
  }

  /** Job updates as they are published, one per job (an event carries a batch's); cluster and run filters applied here. */
  async subscribe(
    cluster: DqmClusterName,
    run?: number,
  ): Promise<AsyncIterable<DqmJobRow & { eventId: string }>> {
    const source = await this.events.subscribe<DqmJobsUpdatedEvent>(DQM_SQUARE_STREAMS.dqmJobUpdated);
    async function* updates() {
      for await (const e of source) {
        for (const job of e.payload.jobs) {
          if (job.cluster !== cluster || (run !== undefined && job.run !== run)) continue;
          yield { ...jobRowOfEvent(job), eventId: e.id };
        }
      }
    }
    return updates();
  }
}
