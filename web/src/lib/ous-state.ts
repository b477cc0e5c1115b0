import { OusState } from '../gql/graphql';

/** Lifecycle order of an OUS, the API enum's own order (codegen keeps it), for the board and the counts. */
export const OUS_STATES: readonly OusState[] = Object.values(OusState);

export type Tone = 'neutral' | 'info' | 'busy' | 'warn' | 'bad' | 'good';

/** Badge colour per state: waiting states neutral/info, work in progress busy, problems bad, done good. */
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
