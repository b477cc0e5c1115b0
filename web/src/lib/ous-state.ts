import type { OusState } from '../gql/graphql';

/** Lifecycle order of an OUS, for the per-state counts. */
export const OUS_STATES = [
  'FULLY_OBSERVED',
  'READY_FOR_PROCESSING',
  'PROCESSING',
  'PROCESSING_PROBLEM',
  'READY_FOR_REVIEW',
  'REVIEWING',
  'VERIFIED',
  'DELIVERY_IN_PROGRESS',
  'DELIVERED',
  'QA3_IN_PROGRESS',
] as const satisfies readonly OusState[];

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
