import { Prisma, type Db, type Tx } from '@opshub/db';
import type { Outbox } from '@opshub/events';
import type { DqmClusterName } from './dqm-host.repository.js';
import { runSummaries, type RunSummaryFilter, type RunSummaryRow } from './dqm-run-summary.query.js';

export type DqmJobRow = Prisma.DqmJobGetPayload<object>;
export type DqmJobInput = Omit<DqmJobRow, never>;
export type StreamDeliveryInput = Omit<Prisma.DqmStreamDeliveryGetPayload<object>, 'documentId' | 'hostId'>;

/** A running job not updated for longer than this is "probably stuck" (the mirror's 900 s). */
export const STUCK_AFTER_SECONDS = 900;

export type DqmJobState = 'RUNNING' | 'FINISHED' | 'CRASHED' | 'STUCK';

export interface JobFilter {
  cluster?: DqmClusterName;
  run?: number;
  state?: DqmJobState;
  hostName?: string;
}

/** The state condition in SQL terms, relative to `now`. */
function stateWhere(state: DqmJobState, now: Date): Prisma.DqmJobWhereInput {
  const stale = new Date(now.getTime() - STUCK_AFTER_SECONDS * 1000);
  switch (state) {
    case 'FINISHED':
      return { exitCode: 0 };
    case 'CRASHED':
      return { AND: [{ exitCode: { not: null } }, { exitCode: { not: 0 } }] };
    case 'RUNNING':
      return { exitCode: null, updatedAt: { gt: stale } };
    case 'STUCK':
      return { exitCode: null, updatedAt: { lte: stale } };
  }
}

/** The jobs and stream deliveries of the DQM² agents: only their redacted form is ever written. */
export class DqmJobRepository {
  constructor(
    private readonly db: Db,
    private readonly outbox: Outbox<Tx>,
  ) {}

  /**
   * Writes one fetched batch in one transaction: each job whose rev is newer than the stored one
   * (a document comes back with a new rev when it changed), each files document's deliveries
   * replaced, the host's `lastRev` moved to `throughRev`, and one event for the batch's changed jobs
   * appended to the outbox. Returns the changed jobs and the event's outbox id (null: none changed).
   */
  async applyBatch<E>(
    hostId: string,
    jobs: DqmJobInput[],
    deliveries: { documentId: string; rows: StreamDeliveryInput[] }[],
    throughRev: bigint,
    stream: string,
    eventOf: (rows: DqmJobRow[]) => E,
  ): Promise<{ rows: DqmJobRow[]; outboxId: bigint | null }> {
    return this.db.$transaction(async (tx) => {
      const ids = jobs.length ? await upsertNewer(tx, jobs) : [];
      const rows = ids.length
        ? await tx.dqmJob.findMany({ where: { id: { in: ids } }, orderBy: { rev: 'asc' } })
        : [];
      const outboxId = rows.length ? await this.outbox.append(tx, stream, eventOf(rows)) : null;
      for (const d of deliveries) {
        await tx.dqmStreamDelivery.deleteMany({ where: { documentId: d.documentId } });
        await tx.dqmStreamDelivery.createMany({
          data: d.rows.map((r) => ({ ...r, documentId: d.documentId, hostId })),
        });
      }
      await tx.dqmHost.updateMany({
        where: { id: hostId, lastRev: { lt: throughRev } },
        data: { lastRev: throughRev },
      });
      return { rows, outboxId };
    });
  }

  findById(id: string): Promise<DqmJobRow | null> {
    return this.db.dqmJob.findUnique({ where: { id } });
  }

  /** A page of jobs, newest run first, then by host and client; keyset on (run desc, id). */
  list(
    filter: JobFilter,
    now: Date,
    take: number,
    after?: { run: number; id: string },
  ): Promise<DqmJobRow[]> {
    const where: Prisma.DqmJobWhereInput[] = [];
    if (filter.cluster) where.push({ cluster: filter.cluster });
    if (filter.run !== undefined) where.push({ run: filter.run });
    if (filter.hostName) where.push({ hostName: filter.hostName });
    if (filter.state) where.push(stateWhere(filter.state, now));
    if (after) where.push({ OR: [{ run: { lt: after.run } }, { run: after.run, id: { gt: after.id } }] });
    return this.db.dqmJob.findMany({
      where: { AND: where },
      orderBy: [{ run: 'desc' }, { id: 'asc' }],
      take,
    });
  }

  count(filter: JobFilter, now: Date): Promise<number> {
    const where: Prisma.DqmJobWhereInput[] = [];
    if (filter.cluster) where.push({ cluster: filter.cluster });
    if (filter.run !== undefined) where.push({ run: filter.run });
    if (filter.hostName) where.push({ hostName: filter.hostName });
    if (filter.state) where.push(stateWhere(filter.state, now));
    return this.db.dqmJob.count({ where: { AND: where } });
  }

  /** The cluster's run timeline, newest first; `take` rows before `beforeRun`, and the total. */
  runSummaries(
    f: RunSummaryFilter,
    take: number,
    beforeRun?: number,
  ): Promise<{ rows: RunSummaryRow[]; total: number }> {
    return runSummaries(this.db, f, take, beforeRun);
  }

  jobsOfRun(run: number, cluster?: DqmClusterName): Promise<DqmJobRow[]> {
    return this.db.dqmJob.findMany({
      where: { run, ...(cluster ? { cluster } : {}) },
      orderBy: { id: 'asc' },
    });
  }

  deliveriesOfRun(run: number): Promise<Prisma.DqmStreamDeliveryGetPayload<object>[]> {
    return this.db.dqmStreamDelivery.findMany({
      where: { run },
      orderBy: [{ stream: 'asc' }, { lumisection: 'asc' }],
    });
  }
}

/**
 * One statement for the whole batch: each job inserted, or updated only when its rev is newer than
 * the stored one (an older copy never overwrites a newer state). Returns the ids written.
 */
async function upsertNewer(tx: Tx, jobs: DqmJobInput[]): Promise<string[]> {
  const values = jobs.map(
    (j) => Prisma.sql`(${j.id}, ${j.hostId}::uuid, ${j.cluster}::"dqm"."DqmCluster", ${j.hostName}, ${j.run},
      ${j.client}, ${j.runKey}, ${j.cmsswVersion}, ${j.exitCode}::int, ${j.eventsTotal}, ${j.eventsRate}::float8,
      ${j.lumisection}::int, ${j.fiState}, ${j.memoryKb}::int, ${j.logHead}, ${j.logTail}, ${j.updatedAt}, ${j.rev})`,
  );
  const written = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO "dqm"."dqm_job" (id, host_id, cluster, host_name, run, client, run_key, cmssw_version, exit_code,
      events_total, events_rate, lumisection, fi_state, memory_kb, log_head, log_tail, updated_at, rev)
    VALUES ${Prisma.join(values)}
    ON CONFLICT (id) DO UPDATE SET host_id = EXCLUDED.host_id, cluster = EXCLUDED.cluster,
      host_name = EXCLUDED.host_name, run = EXCLUDED.run, client = EXCLUDED.client, run_key = EXCLUDED.run_key,
      cmssw_version = EXCLUDED.cmssw_version, exit_code = EXCLUDED.exit_code, events_total = EXCLUDED.events_total,
      events_rate = EXCLUDED.events_rate, lumisection = EXCLUDED.lumisection, fi_state = EXCLUDED.fi_state,
      memory_kb = EXCLUDED.memory_kb, log_head = EXCLUDED.log_head, log_tail = EXCLUDED.log_tail,
      updated_at = EXCLUDED.updated_at, rev = EXCLUDED.rev
    WHERE "dqm"."dqm_job".rev < EXCLUDED.rev
    RETURNING id`;
  return written.map((w) => w.id);
}
