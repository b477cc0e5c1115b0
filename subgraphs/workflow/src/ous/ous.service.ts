import type { Principal } from '@opshub/auth';
import { prismaErrorCode, UNIQUE_VIOLATION } from '@opshub/db';
import { BadUserInputError, ConflictError, NotFoundError } from '@opshub/errors';
import type { EventBus, OusStateChangedEvent } from '@opshub/events';
import { pageArgs, toConnection, type ConnectionShape, type PageArgs } from '@opshub/subgraph-kit';
import type { OutboxService } from '../outbox/outbox.service.js';
import type { OusTransition } from '../transition/transition.type.js';
import { OUS_ID, PROGRAM_ID } from './ous.input.js';
import type { ObsUnitSet } from './ous.type.js';
import type { Committed, OusFilter, OusRepository, OusRow, TransitionRow } from './ous.repository.js';
import { Executive, OusState } from './ous-state.js';
import { nextPosition, type OusMove } from './ous-state-machine.js';

export type OusNode = Omit<ObsUnitSet, 'history'>;

export function toOus(row: OusRow): OusNode {
  return {
    id: row.id,
    programId: row.programId,
    state: row.state as OusState,
    substate: row.substate,
    executive: row.executive as Executive | null,
    recipe: row.recipe,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function toTransition(row: TransitionRow): OusTransition {
  return {
    from: row.from as OusState | null,
    to: row.to as OusState,
    substate: row.substate,
    at: row.at,
    actor: row.actorId ? { id: row.actorId } : null,
    reason: row.reason,
  };
}

/** Who asks for a move: a signed-in user, or a system actor (a worker) named for the history. */
export type Actor = Principal | { system: string };

function actorFields(actor: Actor): { actorId: string | null; reason?: string } {
  return 'system' in actor ? { actorId: null, reason: `by ${actor.system}` } : { actorId: actor.id };
}

export class OusService {
  constructor(
    private readonly ous: OusRepository,
    private readonly outbox: OutboxService,
    readonly events: EventBus,
    readonly stream: string,
  ) {}

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
    const cursor = after ? { updatedAt: new Date(String(after[0])), id: String(after[1]) } : undefined;
    if (cursor && Number.isNaN(cursor.updatedAt.getTime())) throw new BadUserInputError('Invalid cursor', { argument: 'after' });
    const [rows, total] = await Promise.all([this.ous.page(filter, first + 1, cursor), this.ous.count(filter)]);
    return toConnection(rows, first, total, toOus, (r) => [r.updatedAt.toISOString(), r.id]);
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
  async create(programId: string, id: string, actor: Actor): Promise<OusNode> {
    if (!PROGRAM_ID.test(programId)) throw new BadUserInputError('programId must look like 2015.1.00657.S', { field: 'programId' });
    if (!OUS_ID.test(id)) throw new BadUserInputError('id must look like uid://X1/X1/Xb0', { field: 'id' });
    let committed: Committed;
    try {
      committed = await this.ous.create({ id, programId, state: OusState.READY_FOR_PROCESSING, ...actorFields(actor), reason: actorFields(actor).reason ?? 'created' });
    } catch (error) {
      if (prismaErrorCode(error) === UNIQUE_VIOLATION) throw new ConflictError(`ObsUnitSet ${id} already exists`, { id });
      throw error;
    }
    await this.outbox.publish(committed.outboxId, this.stream, committed.event);
    return toOus(committed.ous);
  }

  /**
   * Applies a move through the state machine. Two concurrent moves of one OUS: the first to commit
   * wins, the other gets CONFLICT (never a lost update).
   */
  async apply(ousId: string, move: OusMove, actor: Actor, reason?: string | null): Promise<OusNode> {
    const row = await this.ous.findById(ousId);
    if (!row) throw new NotFoundError('ObsUnitSet', ousId);
    const from = toOus(row);
    const target = nextPosition(from, move);
    const fields = actorFields(actor);
    const committed = await this.ous.transition({
      ousId,
      expectedVersion: row.version,
      from: from.state,
      to: target.state,
      substate: target.substate,
      ...(target.executive !== undefined ? { executive: target.executive } : {}),
      ...(target.recipe !== undefined ? { recipe: target.recipe } : {}),
      actorId: fields.actorId,
      reason: reason ?? fields.reason ?? null,
    });
    if (!committed) {
      throw new ConflictError(`ObsUnitSet ${ousId} changed while ${move.kind} was being applied; reload and retry`, { id: ousId });
    }
    await this.outbox.publish(committed.outboxId, this.stream, committed.event);
    return toOus(committed.ous);
  }

  /** Live transitions, optionally filtered and resumed after an event id. */
  async subscribe(filter: { programId?: string; state?: OusState; after?: string }): Promise<AsyncIterable<OusStateChangedEvent & { eventId: string }>> {
    if (filter.after !== undefined && !/^\d+-\d+$/.test(filter.after)) {
      throw new BadUserInputError('after must be an eventId received earlier', { argument: 'after' });
    }
    const source = await this.events.subscribe<OusStateChangedEvent>(this.stream, filter.after ? { after: filter.after } : {});
    async function* filtered() {
      for await (const e of source) {
        if (filter.programId && e.payload.ous.programId !== filter.programId) continue;
        if (filter.state && e.payload.transition.to !== filter.state) continue;
        yield { ...e.payload, eventId: e.id };
      }
    }
    return filtered();
  }
}
