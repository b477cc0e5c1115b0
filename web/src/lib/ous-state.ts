import { OusState } from '../gql/graphql';

export type Tone = 'neutral' | 'info' | 'busy' | 'warn' | 'bad' | 'good';

/**
 * Badge colour per state, in the OUS lifecycle's order: waiting states neutral/info, work in progress
 * busy, problems bad, done good. Typed by the API's enum: a state the API adds fails the build here.
 */
const TONES = {
  FULLY_OBSERVED: 'neutral',
  READY_FOR_PROCESSING: 'info',
  PROCESSING: 'busy',
  PROCESSING_PROBLEM: 'bad',
  READY_FOR_REVIEW: 'info',
  REVIEWING: 'busy',
  VERIFIED: 'good',
  DELIVERY_IN_PROGRESS: 'busy',
  DELIVERED: 'good',
  QA3_IN_PROGRESS: 'warn',
} as const satisfies Record<OusState, Tone>;

/** Lifecycle order of an OUS (the codegen enum is sorted by name), for the board and the counts. */
export const OUS_STATES: readonly OusState[] = Object.keys(TONES) as OusState[];

export function stateTone(state: string): Tone {
  return (TONES as Record<string, Tone>)[state] ?? 'neutral';
}

/** `READY_FOR_PROCESSING` → `Ready for processing`; QA2/QA3 keep their capitals. */
export function stateLabel(state: string): string {
  const words = state.toLowerCase().split('_');
  return words
    .map((w, i) =>
      /^qa\d$/.test(w) ? w.toUpperCase() : i === 0 ? w.charAt(0).toUpperCase() + w.slice(1) : w,
    )
    .join(' ');
}
