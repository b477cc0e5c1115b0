import type { Principal } from '@opshub/auth';
import { BadUserInputError, ConflictError, NotFoundError } from '@opshub/errors';
import { isStreamId, type EventBus, type Outbox } from '@opshub/events';
import { pageArgs, toConnection, type ConnectionShape, type PageArgs } from '@opshub/subgraph-kit';
import { NO_JOBS, type WorkflowJobs } from '../jobs/workflow-jobs.js';
import { eventOusState, ousStateChangedOf, WORKFLOW_STREAMS, type OusStateChangedEvent } from '../events.js';
import type { OusTransition } from '../transition/transition.type.js';
import { OUS_ID, PROGRAM_ID } from './ous.input.js';
import { toOus, toTransition, type OusNode } from './ous.mapper.js';
import type { OusFilter, OusRepository, OusRow } from './ous.repository.js';
import { OusState } from './ous-state.js';
import { availableActions, type OusActionView } from './ous-available-actions.js';
import { pagePosition } from './ous-page.query.js';
import { followUpOf } from './ous-follow-ups.js';
import { nextPosition, type OusMove, type OusPosition } from './ous-state-machine.js';

export type { OusNode } from './ous.mapper.js';

const STREAM = WORKFLOW_STREAMS.ousStateChanged;

/** Who asks for a move: a signed-in user, or a system actor (a worker) named for the history. */
export type Actor = Principal | { system: string };

function actorFields(actor: Actor): { actorId: string | null; systemActor: string | null } {
  return 'system' in actor
    ? { actorId: null, systemActor: actor.system }
    : { actorId: actor.id, systemActor: null };
}

/** Facts some guards need that the OUS row does not hold (looked up only for those moves). */
export interface GuardFacts {
  latestRunHasReport(ousId: string): Promise<boolean>;
  deliveryComplete(ousId: string): Promise<boolean>;
}

const NO_FACTS: GuardFacts = { latestRunHasReport: async () => false, deliveryComplete: async () => false };

export interface OusServiceOptions {
  /** Where follow-up work goes (recipe, pipeline run, ingestion…); default: nowhere. */
  jobs?: WorkflowJobs;
  facts?: GuardFacts;
}

export class OusService {
  private readonly jobs: WorkflowJobs;
  private readonly facts: GuardFacts;

  constructor(
    private readonly ous: OusRepository,
    private readonly outbox: Outbox,
    readonly events: EventBus,
    options: OusServiceOptions = {},
  ) {
    this.jobs = options.jobs ?? NO_JOBS;
    this.facts = options.facts ?? NO_FACTS;
  }

  async byId(id: string): Promise<OusNode | null> {
    const row = await this.ous.findById(id);
    return row ? toOus(row) : null;
  }

  async byIds(ids: readonly string[]): Promise<Map<string, OusNode>> {
    return new Map((await this.ous.findByIds(ids)).map((r) => [r.id, toOus(r)]));
  }

  async page(args: PageArgs & OusFilter): Promise<ConnectionShape<OusNode>> {
    const { first, after } = pageArgs(args);
    const filter: OusFilter = {
      ...(args.state ? { state: args.state } : {}),
      ...(args.executive ? { executive: args.executive } : {}),
      ...(args.programId ? { programId: args.programId } : {}),
    };
    // The cursor carries the first page's snapshot, so that OUSs moving meanwhile keep their place.
    const position = after ? pagePosition(after) : { snapshot: await this.ous.snapshot() };
    const [rows, total] = await Promise.all([
      this.ous.page(filter, first + 1, position),
      this.ous.count(filter),
    ]);
    return toConnection(rows, first, total, toOus, (r) => [
      String(position.snapshot),
      r.pagedAt.toISOString(),
      r.id,
    ]);
  }

  /** The number of OUSs in every state (zeros included, in lifecycle order), with the board's filters. */
  async countsByState(filter: Omit<OusFilter, 'state'>): Promise<{ state: OusState; count: number }[]> {
    const found = new Map(
      (
        await this.ous.countByState({
          ...(filter.executive ? { executive: filter.executive } : {}),
          ...(filter.programId ? { programId: filter.programId } : {}),
        })
      ).map((g) => [g.state, g.count]),
    );
    return Object.values(OusState).map((state) => ({ state, count: found.get(state) ?? 0 }));
  }

  async history(ousId: string): Promise<OusTransition[]> {
    return (await this.ous.history(ousId)).map(toTransition);
  }

  async historyOf(ousIds: readonly string[]): Promise<Map<string, OusTransition[]>> {
    const out = new Map<string, OusTransition[]>(ousIds.map((id) => [id, []]));
    for (const row of await this.ous.historyOf(ousIds)) out.get(row.ousId)?.push(toTransition(row));
    return out;
  }

  /** The launcher: a new OUS, ReadyForProcessing with no recipe yet. */
  async create(
    programId: string,
    id: string,
    actor: Actor,
    start:
      typeof OusState.READY_FOR_PROCESSING | typeof OusState.FULLY_OBSERVED = OusState.READY_FOR_PROCESSING,
  ): Promise<OusNode> {
    if (!PROGRAM_ID.test(programId))
      throw new BadUserInputError('programId must look like 2015.1.00657.S', { field: 'programId' });
    if (!OUS_ID.test(id)) throw new BadUserInputError('id must look like uid://X1/X1/Xb0', { field: 'id' });
    const committed = await this.ous.create(
      {
        id,
        programId,
        state: start,
        ...actorFields(actor),
        reason: start === OusState.FULLY_OBSERVED ? 'fully observed' : 'created',
      },
      STREAM,
      ousStateChangedOf,
    );
    if (committed === 'exists') throw new ConflictError(`ObsUnitSet ${id} already exists`, { id });
    await this.outbox.publishThrough(committed.outboxId, STREAM);
    await this.followUp(committed.ous);
    return toOus(committed.ous);
  }

  /**
   * Applies a move through the state machine. Two concurrent moves of one OUS: the first to commit
   * wins, the other gets CONFLICT (never a lost update).
   */
  async apply(ousId: string, move: OusMove, actor: Actor, reason?: string | null): Promise<OusNode> {
    const row = await this.ous.findById(ousId);
    if (!row) throw new NotFoundError('ObsUnitSet', ousId);
    const from: OusPosition = { ...toOus(row), ...(await this.guardFacts(ousId, move)) };
    const target = nextPosition(from, move);
    const fields = actorFields(actor);
    const committed = await this.ous.transition(
      {
        ousId,
        expectedVersion: row.version,
        from: from.state,
        to: target.state,
        substate: target.substate,
        ...(target.executive !== undefined ? { executive: target.executive } : {}),
        ...(target.recipe !== undefined ? { recipe: target.recipe } : {}),
        ...fields,
        reason: reason ?? null,
        action: move.kind,
      },
      STREAM,
      ousStateChangedOf,
    );
    if (!committed) {
      throw new ConflictError(
        `ObsUnitSet ${ousId} changed while ${move.kind} was being applied; reload and retry`,
        { id: ousId },
      );
    }
    await this.outbox.publishThrough(committed.outboxId, STREAM);
    await this.followUp(committed.ous, false, from.state);
    return toOus(committed.ous);
  }

  /**
   * What the caller may do with the OUS now and why not (a dry run of the state machine and the
   * mutations' roles). Only the review's guard fact is looked up, and only where it can matter.
   */
  async availableActions(ous: OusNode, caller: Principal | undefined): Promise<OusActionView[]> {
    const hasPipelineReport =
      ous.state === OusState.READY_FOR_REVIEW && (await this.facts.latestRunHasReport(ous.id));
    return availableActions({ ...ous, hasPipelineReport }, caller);
  }

  private async guardFacts(ousId: string, move: OusMove): Promise<Partial<OusPosition>> {
    if (move.kind === 'startReview') return { hasPipelineReport: await this.facts.latestRunHasReport(ousId) };
    if (move.kind === 'delivered') return { deliveryComplete: await this.facts.deliveryComplete(ousId) };
    return {};
  }

  /** Enqueues the system actor that acts next (a no-op where a person acts next). */
  private async followUp(row: OusRow, resume = false, from: string | null = null): Promise<boolean> {
    const next = followUpOf(row, resume, from);
    if (!next) return false;
    await this.jobs.enqueue(next.job, next.payload as never, next.jobId);
    return true;
  }

  /**
   * The reconciler: re-enqueues the follow-up of OUSs that have not moved for `olderThanMs` (an
   * enqueue lost after its commit, a worker gone mid-ingestion). Job ids make repeats no-ops.
   */
  async reconcile(
    olderThanMs: number,
    take = 500,
    states: readonly OusState[] = [
      OusState.FULLY_OBSERVED,
      OusState.READY_FOR_PROCESSING,
      OusState.PROCESSING,
      OusState.READY_FOR_REVIEW,
      OusState.VERIFIED,
      OusState.DELIVERY_IN_PROGRESS,
    ],
  ): Promise<number> {
    let enqueued = 0;
    for (const row of await this.ous.stale(states, new Date(Date.now() - olderThanMs), take)) {
      if (await this.followUp(row, true)) enqueued++;
    }
    return enqueued;
  }

  /** OUSs of a programme in a state, longest waiting first (for the demo's actors). */
  async inState(programId: string, state: OusState, take = 100): Promise<OusNode[]> {
    return (await this.ous.inState(programId, state, take)).map(toOus);
  }

  idsLike(programId: string, prefix: string): Promise<string[]> {
    return this.ous.idsLike(programId, prefix);
  }

  newestCreatedAt(programId: string): Promise<Date | null> {
    return this.ous.newestCreatedAt(programId);
  }

  async lastTransition(ousId: string): Promise<OusTransition | null> {
    const row = await this.ous.lastTransition(ousId);
    return row ? toTransition(row) : null;
  }

  /** Live transitions, optionally filtered and resumed after an event id. */
  async subscribe(filter: {
    ousId?: string;
    programId?: string;
    state?: OusState;
    after?: string;
  }): Promise<AsyncIterable<OusStateChangedEvent & { eventId: string }>> {
    if (filter.after !== undefined && !isStreamId(filter.after)) {
      throw new BadUserInputError('after must be an eventId received earlier', { argument: 'after' });
    }
    const source = await this.events.subscribe<OusStateChangedEvent>(
      STREAM,
      filter.after ? { after: filter.after } : {},
    );
    async function* filtered() {
      for await (const e of source) {
        if (filter.ousId && e.payload.ous.id !== filter.ousId) continue;
        if (filter.programId && e.payload.ous.programId !== filter.programId) continue;
        if (filter.state && eventOusState(e.payload.transition.to) !== filter.state) continue;
        yield { ...e.payload, eventId: e.id };
      }
    }
    return filtered();
  }
}
