import { Prisma, type Db } from '@opshub/db';
import type { DqmClusterName } from './dqm-host.repository.js';

export interface RunSummaryRow {
  run: number;
  jobs: number;
  finished: number;
  crashed: number;
  firstUpdate: Date;
  lastUpdate: Date;
  maxLumisection: number | null;
  hasDeliveries: boolean;
}

export interface RunSummaryFilter {
  cluster: DqmClusterName;
  /** Only runs with a job whose exit code is not 0. */
  onlyBad?: boolean;
  /** Only runs that processed lumisections (a job past lumisection 0, or delivered files). */
  hasLumisections?: boolean;
}

function grouped(f: RunSummaryFilter, beforeRun?: number): Prisma.Sql {
  const having: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (f.onlyBad)
    having.push(Prisma.sql`count(*) FILTER (WHERE j.exit_code IS NOT NULL AND j.exit_code <> 0) > 0`);
  if (f.hasLumisections) {
    having.push(
      Prisma.sql`(coalesce(max(j.lumisection), 0) > 0 OR EXISTS (SELECT 1 FROM "dqm"."dqm_stream_delivery" d WHERE d.run = j.run))`,
    );
  }
  return Prisma.sql`
    SELECT j.run,
      count(*)::int AS jobs,
      (count(*) FILTER (WHERE j.exit_code = 0))::int AS finished,
      (count(*) FILTER (WHERE j.exit_code IS NOT NULL AND j.exit_code <> 0))::int AS crashed,
      min(j.updated_at) AS "firstUpdate",
      max(j.updated_at) AS "lastUpdate",
      max(j.lumisection) AS "maxLumisection",
      EXISTS (SELECT 1 FROM "dqm"."dqm_stream_delivery" d WHERE d.run = j.run) AS "hasDeliveries"
    FROM "dqm"."dqm_job" j
    WHERE j.cluster = ${f.cluster}::"dqm"."DqmCluster" ${beforeRun === undefined ? Prisma.empty : Prisma.sql`AND j.run < ${beforeRun}`}
    GROUP BY j.run
    HAVING ${Prisma.join(having, ' AND ')}`;
}

/** The run timeline of a cluster, newest run first (keyset on the run number). */
export async function runSummaries(db: Db, f: RunSummaryFilter, take: number, beforeRun?: number) {
  const [rows, [count]] = await Promise.all([
    db.$queryRaw<RunSummaryRow[]>`${grouped(f, beforeRun)} ORDER BY j.run DESC LIMIT ${take}`,
    db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM (${grouped(f)}) g`,
  ]);
  return { rows, total: count?.n ?? 0 };
}
