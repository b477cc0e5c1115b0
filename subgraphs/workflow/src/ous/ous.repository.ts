import type { Outbox } from '@opshub/events';
import { currentRequestId } from '@opshub/jobs';
import {
  AuditTrail,
  type Db,
  type Executive,
  type ObsUnitSet as OusRow,
  type OusState,
  type OusTransition as TransitionRow,
  Prisma,
  prismaErrorCode,
  type Tx,
  UNIQUE_VIOLATION,
} from '@opshub/db';
import { ousPage, ousSnapshot, type OusPagePosition, type OusPageRow } from './ous-page.query.js';

export type { OusRow, TransitionRow };

export interface OusFilter {
  state?: OusState;
  executive?: Executive;
  programId?: string;
}

export interface TransitionWrite {
  ousId: string;
  expectedVersion: number;
  from: OusState;
  to: OusState;
  substate: string | null;
  executive?: Executive | null;
  recipe?: string | null;
  actorId: string | null;
  systemActor: string | null;
  reason: string | null;
  /** The move (`startReview`, `reset`…), for the hub's audit log. */
  action: string;
}

export interface Committed {
  ous: OusRow;
  transition: TransitionRow;
  outboxId: bigint;
}

/** Builds a transition's event from the rows its transaction wrote (the service knows the event). */
export type TransitionEventOf = (ous: OusRow, transition: TransitionRow) => unknown;

export class OusRepository {
  /** The hub's audit log; the request id is the one the subgraph kit holds for the call. */
  private readonly trail: AuditTrail;

  constructor(
    private readonly db: Db,
    private readonly outbox: Outbox<Tx>,
  ) {
    this.trail = new AuditTrail(db, currentRequestId);
  }

  /**
   * A user's transition in the hub's audit log (`workflow.transition`), inside its transaction; the
   * pipeline's own moves (a system actor) are in the OUS history only.
   */
  private async audited(tx: Tx, transition: TransitionRow, action: string): Promise<void> {
    if (transition.actorId === null) return;
    const { ousId, from, to, substate, reason } = transition;
    await this.trail.record(
      {
        actorId: transition.actorId,
        kind: 'workflow.transition',
        target: `ous/${ousId}`,
        detail: { from, to, action, substate, reason },
      },
      tx,
    );
  }

  findById(id: string): Promise<OusRow | null> {
    return this.db.obsUnitSet.findUnique({ where: { id } });
  }

  findByIds(ids: readonly string[]): Promise<OusRow[]> {
    return this.db.obsUnitSet.findMany({ where: { id: { in: [...ids] } } });
  }

  private where(filter: OusFilter): Prisma.ObsUnitSetWhereInput {
    return {
      ...(filter.state ? { state: filter.state } : {}),
      ...(filter.executive ? { executive: filter.executive } : {}),
      ...(filter.programId ? { programId: filter.programId } : {}),
    };
  }

  /** Most recently changed first, as the OUSs stood at the first page's snapshot (ous-page.query.ts). */
  page(filter: OusFilter, take: number, position: OusPagePosition): Promise<OusPageRow[]> {
    return ousPage(this.db, filter, take, position);
  }

  /** The snapshot a first page is read at. */
  snapshot(): Promise<bigint> {
    return ousSnapshot(this.db);
  }

  /** OUSs in `states` unchanged since `before` (the reconciler's candidates), oldest first. */
  stale(states: readonly OusState[], before: Date, take: number): Promise<OusRow[]> {
    return this.db.obsUnitSet.findMany({
      where: { state: { in: [...states] }, updatedAt: { lt: before } },
      orderBy: { updatedAt: 'asc' },
      take,
    });
  }

  /** OUSs of a programme in one state (the demo's view of its own OUSs). */
  inState(programId: string, state: OusState, take: number): Promise<OusRow[]> {
    return this.db.obsUnitSet.findMany({
      where: { programId, state },
      orderBy: { updatedAt: 'asc' },
      take,
    });
  }

  /** The ids of a programme's OUSs that start with `prefix`. */
  async idsLike(programId: string, prefix: string): Promise<string[]> {
    const rows = await this.db.obsUnitSet.findMany({
      where: { programId, id: { startsWith: prefix } },
      select: { id: true },
    });
    return rows.map((r) => r.id);
  }

  async newestCreatedAt(programId: string): Promise<Date | null> {
    const row = await this.db.obsUnitSet.findFirst({
      where: { programId },
      orderBy: { createdAt: 'desc' },
      select: { createdAt: true },
    });
    return row?.createdAt ?? null;
  }

  lastTransition(ousId: string): Promise<TransitionRow | null> {
    return this.db.ousTransition.findFirst({ where: { ousId }, orderBy: { id: 'desc' } });
  }

  count(filter: OusFilter): Promise<number> {
    return this.db.obsUnitSet.count({ where: this.where(filter) });
  }

  /** How many OUSs match `filter` in each state that has any (one grouped query). */
  async countByState(filter: Omit<OusFilter, 'state'>): Promise<{ state: OusState; count: number }[]> {
    const groups = await this.db.obsUnitSet.groupBy({
      by: ['state'],
      where: this.where(filter),
      _count: { _all: true },
    });
    return groups.map((g) => ({ state: g.state, count: g._count._all }));
  }

  history(ousId: string): Promise<TransitionRow[]> {
    return this.db.ousTransition.findMany({ where: { ousId }, orderBy: { id: 'asc' } });
  }

  historyOf(ousIds: readonly string[]): Promise<TransitionRow[]> {
    return this.db.ousTransition.findMany({ where: { ousId: { in: [...ousIds] } }, orderBy: { id: 'asc' } });
  }

  /**
   * Creates the OUS, its first history row and its event (on `stream`) in one transaction;
   * `'exists'` when an OUS has that id already.
   */
  async create(
    data: {
      id: string;
      programId: string;
      state: OusState;
      actorId: string | null;
      systemActor: string | null;
      reason: string | null;
    },
    stream: string,
    eventOf: TransitionEventOf,
  ): Promise<Committed | 'exists'> {
    try {
      return await this.db.$transaction(async (tx) => {
        const ous = await tx.obsUnitSet.create({
          data: { id: data.id, programId: data.programId, state: data.state },
        });
        const transition = await tx.ousTransition.create({
          data: {
            ousId: ous.id,
            from: null,
            to: ous.state,
            actorId: data.actorId,
            systemActor: data.systemActor,
            reason: data.reason,
            at: ous.updatedAt,
          },
        });
        await this.audited(tx, transition, 'create');
        const outboxId = await this.outbox.append(tx, stream, eventOf(ous, transition));
        return { ous, transition, outboxId };
      });
    } catch (error) {
      if (prismaErrorCode(error) === UNIQUE_VIOLATION) return 'exists';
      throw error;
    }
  }

  /**
   * Applies one transition if the OUS is still at `expectedVersion` (optimistic lock): the state
   * change, its history row and its event (on `stream`) commit together, or nothing does. Returns
   * null when another transition got there first.
   */
  async transition(
    w: TransitionWrite,
    stream: string,
    eventOf: TransitionEventOf,
  ): Promise<Committed | null> {
    return this.db.$transaction(async (tx) => {
      const at = new Date();
      const { count } = await tx.obsUnitSet.updateMany({
        where: { id: w.ousId, version: w.expectedVersion, state: w.from },
        data: {
          state: w.to,
          substate: w.substate,
          ...(w.executive !== undefined ? { executive: w.executive } : {}),
          ...(w.recipe !== undefined ? { recipe: w.recipe } : {}),
          version: { increment: 1 },
          updatedAt: at,
        },
      });
      if (count === 0) return null;
      const ous = await tx.obsUnitSet.findUniqueOrThrow({ where: { id: w.ousId } });
      const transition = await tx.ousTransition.create({
        data: {
          ousId: w.ousId,
          from: w.from,
          to: w.to,
          substate: w.substate,
          actorId: w.actorId,
          systemActor: w.systemActor,
          reason: w.reason,
          at,
        },
      });
      await this.audited(tx, transition, w.action);
      const outboxId = await this.outbox.append(tx, stream, eventOf(ous, transition));
      return { ous, transition, outboxId };
    });
  }
}
