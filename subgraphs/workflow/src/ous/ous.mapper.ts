import type { OusTransition } from '../transition/transition.type.js';
import type { OusRow, TransitionRow } from './ous.repository.js';
import type { Executive, OusState } from './ous-state.js';
import type { ObsUnitSet } from './ous.type.js';

export type OusNode = Omit<ObsUnitSet, 'history'>;

/** What a GraphQL `ObsUnitSet` is made of: a row, or the snapshot of an `ousStateChanged` event. */
export type OusFields = Pick<
  OusRow,
  'id' | 'programId' | 'substate' | 'recipe' | 'createdAt' | 'updatedAt'
> & {
  state: OusState;
  executive: Executive | null;
};

/** What a GraphQL `OusTransition` is made of: a history row, or the transition of an event. */
export type TransitionFields = Pick<TransitionRow, 'substate' | 'at' | 'actorId' | 'reason'> & {
  from: OusState | null;
  to: OusState;
  systemActor?: string | null;
};

/** The one row → GraphQL mapping of an OUS, for the queries and the event path alike. */
export function toOus(row: OusFields): OusNode {
  return {
    id: row.id,
    programId: row.programId,
    state: row.state,
    substate: row.substate,
    executive: row.executive,
    recipe: row.recipe,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** The one row → GraphQL mapping of a transition, for the history and the event path alike. */
export function toTransition(row: TransitionFields): OusTransition {
  return {
    from: row.from,
    to: row.to,
    substate: row.substate,
    at: row.at,
    actor: row.actorId ? { id: row.actorId } : null,
    systemActor: row.systemActor ?? null,
    reason: row.reason,
  };
}
