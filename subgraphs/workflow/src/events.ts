import { Executive, ousStateOf, STORED_OUS_STATE, type OusState } from '@opshub/db/enums';
import { toOus, toTransition } from './ous/ous.mapper.js';
import type { OusRow, TransitionRow } from './ous/ous.repository.js';
import type { ObsUnitSet, OusTransitionEvent } from './ous/ous.type.js';

/**
 * The workflow domain's event streams, their payloads and their mapping from rows: the one place a
 * workflow event is declared. Every stream goes through the workflow outbox (delivered even when
 * Redis was down at commit time, in order per OUS).
 */
export const WORKFLOW_STREAMS = {
  /** One event per committed OUS transition (creation included). */
  ousStateChanged: 'workflow.ous-state-changed',
} as const;

/**
 * The OUS as it was right after a transition. States are spelled as stored (`ReadyForProcessing`,
 * STORED_OUS_STATE), as every event on the stream has been: an event read back maps them to the
 * `OusState` keys (eventOusState), and accepts the keys too.
 */
export interface OusSnapshot {
  id: string;
  programId: string;
  state: string;
  substate: string | null;
  executive: string | null;
  recipe: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Payload of `workflow.ous-state-changed`. */
export interface OusStateChangedEvent {
  ous: OusSnapshot;
  transition: {
    id: string;
    from: string | null;
    to: string;
    substate: string | null;
    actorId: string | null;
    /** The worker that made the move when no user did (absent in events written before it existed). */
    systemActor?: string | null;
    reason: string | null;
    at: string;
  };
}

/** The event of a committed transition, from the rows the transaction wrote. */
export function ousStateChangedOf(ous: OusRow, t: TransitionRow): OusStateChangedEvent {
  return {
    ous: {
      id: ous.id,
      programId: ous.programId,
      state: STORED_OUS_STATE[ous.state],
      substate: ous.substate,
      executive: ous.executive,
      recipe: ous.recipe,
      createdAt: ous.createdAt.toISOString(),
      updatedAt: ous.updatedAt.toISOString(),
    },
    transition: {
      id: String(t.id),
      from: t.from && STORED_OUS_STATE[t.from],
      to: STORED_OUS_STATE[t.to],
      substate: t.substate,
      actorId: t.actorId,
      systemActor: t.systemActor,
      reason: t.reason,
      at: t.at.toISOString(),
    },
  };
}

/** The `OusState` of a state in an event, spelled as stored or as the key. */
export function eventOusState(value: string): OusState {
  const state = ousStateOf(value);
  if (!state) throw new Error(`Unknown OusState ${value} in a workflow event`);
  return state;
}

function eventExecutive(value: string | null): Executive | null {
  if (value === null) return null;
  const executive = Object.values(Executive).find((e) => e === value);
  if (!executive) throw new Error(`Unknown Executive ${value} in a workflow event`);
  return executive;
}

/** `ousStateChanged` as GraphQL: the event read back as rows, through the queries' row mappers. */
export function ousTransitionEventOf(event: OusStateChangedEvent & { eventId: string }): OusTransitionEvent {
  const { ous: o, transition: t } = event;
  return {
    eventId: event.eventId,
    // `history` is a field resolver: the node carries the OUS's own fields only.
    ous: toOus({
      ...o,
      state: eventOusState(o.state),
      executive: eventExecutive(o.executive),
      createdAt: new Date(o.createdAt),
      updatedAt: new Date(o.updatedAt),
    }) as ObsUnitSet,
    transition: toTransition({
      ...t,
      from: t.from === null ? null : eventOusState(t.from),
      to: eventOusState(t.to),
      at: new Date(t.at),
    }),
  };
}
