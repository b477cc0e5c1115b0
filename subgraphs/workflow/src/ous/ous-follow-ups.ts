import { PIPELINE_JOB, type JobName, type JobPayloads } from '@opshub/jobs';
import { ousDirName } from '../store/product-store.js';
import { type Executive, OusState } from './ous-state.js';

/** A job that must run for an OUS to move on from where it stands. */
export interface FollowUp {
  job: JobName;
  payload: JobPayloads[JobName];
  /** Fixed by the OUS and its version, so enqueueing it twice (a retry, the reconciler) runs it once. */
  jobId: string;
}

/** The parts of an OUS row that decide its follow-up. */
export interface OusAt {
  id: string;
  state: OusState;
  substate: string | null;
  executive: Executive | null;
  recipe: string | null;
  version: number;
}

function followUp<J extends JobName>(job: J, payload: JobPayloads[J], ous: OusAt): FollowUp {
  // BullMQ refuses ':' in custom ids; OUS ids are full of them.
  return { job, payload, jobId: `${job}.${ousDirName(ous.id)}.v${ous.version}` };
}

/**
 * Which system actor acts next, by where the OUS stands. Human steps (DRA assignment, QA2 review,
 * requeue) have none: their actors are people, or the demo. `resume` (the reconciler) also restarts
 * an ingestion left between two substates; right after a move the running ingestion job goes on itself.
 * `from` is the state the OUS just left (null for the reconciler and for a creation).
 */
export function followUpOf(ous: OusAt, resume = false, from: string | null = null): FollowUp | null {
  switch (ous.state) {
    case OusState.FULLY_OBSERVED:
      // The data tracker moves it on once its raw data is replicated.
      return followUp('track-delivery', { ousId: ous.id }, ous);
    case OusState.READY_FOR_PROCESSING:
      return ous.substate === null && ous.recipe === null
        ? followUp('assign-recipe', { ousId: ous.id }, ous)
        : null;
    case OusState.PROCESSING: {
      const { executive } = ous;
      return executive ? followUp(PIPELINE_JOB[executive], { ousId: ous.id, executive }, ous) : null;
    }
    case OusState.READY_FOR_REVIEW:
      // Once per run: a cancelled review comes back here without new products to copy.
      return resume || from === OusState.PROCESSING
        ? followUp('replicate-products', { ousId: ous.id }, ous)
        : null;
    case OusState.VERIFIED:
      return followUp('ingest-products', { ousId: ous.id }, ous);
    case OusState.DELIVERY_IN_PROGRESS:
      if (ous.substate === 'ProductsIngested') return followUp('track-delivery', { ousId: ous.id }, ous);
      return resume ? followUp('ingest-products', { ousId: ous.id }, ous) : null;
    default:
      return null;
  }
}
