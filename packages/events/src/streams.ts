/** Stream names of the domain events (one stream per subscription root). */
export const STREAMS = {
  ousStateChanged: 'workflow.ous-state-changed',
  jobEvents: 'ops.job-events',
} as const;

/** Payload of `workflow.ous-state-changed`. */
export interface OusStateChangedEvent {
  ousId: string;
  programId: string;
  transitionId: string;
  from: string | null;
  to: string;
  substate: string | null;
  actorId: string | null;
  reason: string | null;
  at: string;
}
