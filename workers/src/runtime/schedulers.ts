import type { Logger } from '@opshub/config';
import {
  ALL_QUEUES,
  DEFAULT_JOB_OPTIONS,
  JOB_QUEUE,
  type JobName,
  type JobPayloads,
  type QueueName,
} from '@opshub/jobs';
import type { Queue } from 'bullmq';

/** A job run on a schedule. The id is unique per queue: upserting it again replaces its settings. */
export type JobSchedule<J extends JobName = JobName> = {
  id: string;
  job: J;
  data: JobPayloads[J];
} & ({ every: number; pattern?: never } | { pattern: string; every?: never });

/** Keeps the payload type tied to the job name inside a list of mixed schedules. */
export function schedule<J extends JobName>(spec: JobSchedule<J>): JobSchedule {
  return spec as unknown as JobSchedule;
}

/**
 * Every schedule of the hub. This list is the whole truth: schedulers found in Redis that are not
 * in it are removed at start, so deleting a line here stops that schedule. Domains add theirs here.
 */
export const SCHEDULES: readonly JobSchedule[] = [
  // Retention (sessions included; it replaced prune-sessions) is scheduled by the ops module with
  // its bounds from the RETENTION_* settings.
  // Every domain's outbox: events the write path could not publish (Redis down at commit time).
  schedule({ id: 'outbox-relay', job: 'outbox-relay', every: 10_000, data: { olderThanMs: 5_000 } }),
  // Workflow: lost follow-ups (the demo tick is added by the module when on).
  schedule({
    id: 'workflow-reconcile',
    job: 'workflow-reconcile',
    every: 30_000,
    data: { olderThanMs: 60_000 },
  }),
];

/** Upserts each schedule with `upsertJobScheduler` (BullMQ 6 has no legacy repeatable jobs) and drops stale ones. */
export async function startSchedulers(
  queue: (name: QueueName) => Queue,
  schedules: readonly JobSchedule[],
  log: Logger,
  hasProcessor: (job: JobName) => boolean = () => true,
): Promise<void> {
  const ids = new Set<string>();
  for (const s of schedules) {
    const key = `${JOB_QUEUE[s.job]}/${s.id}`;
    if (ids.has(key)) throw new Error(`Schedule ${key} is declared twice`);
    ids.add(key);
    const repeat = s.every !== undefined ? { every: s.every } : { pattern: s.pattern };
    await queue(JOB_QUEUE[s.job]).upsertJobScheduler(s.id, repeat, {
      name: s.job,
      data: s.data,
      opts: { attempts: DEFAULT_JOB_OPTIONS.attempts, backoff: DEFAULT_JOB_OPTIONS.backoff },
    });
    if (!hasProcessor(s.job))
      log.warn({ schedule: s.id, job: s.job }, 'scheduled job has no processor in this process');
    log.info({ schedule: s.id, job: s.job, queue: JOB_QUEUE[s.job], ...repeat }, 'job scheduler upserted');
  }
  for (const name of ALL_QUEUES) {
    for (const existing of await queue(name).getJobSchedulers()) {
      if (ids.has(`${name}/${existing.key}`)) continue;
      await queue(name).removeJobScheduler(existing.key);
      log.info({ schedule: existing.key, queue: name }, 'stale job scheduler removed');
    }
  }
}
