/** Stream names of the domain events (one stream per subscription root). */
export const STREAMS = {
  ousStateChanged: 'workflow.ous-state-changed',
} as const;

/** The OUS as it was right after a transition. */
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
