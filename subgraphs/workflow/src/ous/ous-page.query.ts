import {
  type Db,
  type Executive,
  type ObsUnitSet as OusRow,
  type OusState,
  Prisma,
  STORED_OUS_STATE,
} from '@opshub/db';
import { BadUserInputError } from '@opshub/errors';

/** Where a page of `obsUnitSets` starts: the snapshot of its first page, and the last row seen. */
export interface OusPagePosition {
  /** The newest history row when the first page was read: later moves are not seen by the pages. */
  snapshot: bigint;
  after?: { at: Date; id: string };
}

export interface OusPageFilter {
  state?: OusState;
  executive?: Executive;
  programId?: string;
}

/** A row of the page with the time it is ordered by: its last change up to the snapshot. */
export type OusPageRow = OusRow & { pagedAt: Date };

/** The position an `obsUnitSets` cursor holds: [snapshot, time of the row's last change up to it, id]. */
export function pagePosition(key: readonly (string | number)[]): OusPagePosition {
  const [snapshot, at, id] = key.map(String);
  const when = new Date(at ?? '');
  if (key.length !== 3 || !/^\d+$/.test(snapshot ?? '') || Number.isNaN(when.getTime()) || !id)
    throw new BadUserInputError('Invalid cursor: pass an endCursor returned by this API', {
      argument: 'after',
    });
  return { snapshot: BigInt(snapshot!), after: { at: when, id } };
}

/** The newest history row now (0 before any): the snapshot a first page is read at. */
export async function ousSnapshot(db: Db): Promise<bigint> {
  const [row] = await db.$queryRaw<
    { id: bigint | null }[]
  >`SELECT max(id) AS id FROM workflow.ous_transition`;
  return row?.id ?? 0n;
}

/**
 * One page of OUSs, most recently changed first, as they stood at `snapshot`: an OUS that moves
 * while a client pages keeps its place (its order time and state are those of its last move up to
 * the snapshot, read from the history), and one created after the snapshot is not listed, so the
 * pages show every OUS of the snapshot exactly once. Ordering by the live `updated_at` would move an
 * OUS that changes state to the front, past the cursor, and a client would never see it. The
 * history does not record the executive: for an OUS that moved since the snapshot the `executive`
 * filter uses its current one.
 */
export async function ousPage(
  db: Db,
  filter: OusPageFilter,
  take: number,
  position: OusPagePosition,
): Promise<OusPageRow[]> {
  const { snapshot, after } = position;
  const keyset = (at: Prisma.Sql, id: Prisma.Sql): Prisma.Sql =>
    after ? Prisma.sql`AND (${at}, ${id}) < (${after.at}, ${after.id})` : Prisma.empty;
  const programId = filter.programId ? Prisma.sql`AND o.program_id = ${filter.programId}` : Prisma.empty;
  const executive = filter.executive
    ? Prisma.sql`AND o.executive = ${filter.executive}::workflow."Executive"`
    : Prisma.empty;
  const state = (column: Prisma.Sql): Prisma.Sql =>
    // Raw SQL sees the stored values (the schema's @map), not the client's keys.
    filter.state
      ? Prisma.sql`AND ${column} = ${STORED_OUS_STATE[filter.state]}::workflow."OusState"`
      : Prisma.empty;
  const positions = await db.$queryRaw<{ id: string; at: Date }[]>`
    (SELECT o.id, o.updated_at AS at
       FROM workflow.obs_unit_set o
      WHERE NOT EXISTS (SELECT 1 FROM workflow.ous_transition t WHERE t.ous_id = o.id AND t.id > ${snapshot})
        ${programId} ${executive} ${state(Prisma.sql`o.state`)}
        ${keyset(Prisma.sql`o.updated_at`, Prisma.sql`o.id`)}
      ORDER BY o.updated_at DESC, o.id DESC
      LIMIT ${take})
    UNION ALL
    (SELECT o.id, was.at
       FROM (SELECT DISTINCT ous_id FROM workflow.ous_transition WHERE id > ${snapshot}) moved
       JOIN workflow.obs_unit_set o ON o.id = moved.ous_id
       CROSS JOIN LATERAL (
         SELECT t.at, t."to" FROM workflow.ous_transition t
          WHERE t.ous_id = moved.ous_id AND t.id <= ${snapshot}
          ORDER BY t.id DESC LIMIT 1) was
      WHERE TRUE ${programId} ${executive} ${state(Prisma.sql`was."to"`)}
        ${keyset(Prisma.sql`was.at`, Prisma.sql`o.id`)})
    ORDER BY at DESC, id DESC
    LIMIT ${take}`;
  const rows = new Map(
    (await db.obsUnitSet.findMany({ where: { id: { in: positions.map((p) => p.id) } } })).map((r) => [
      r.id,
      r,
    ]),
  );
  return positions.flatMap((p) => {
    const row = rows.get(p.id);
    return row ? [{ ...row, pagedAt: p.at }] : [];
  });
}
