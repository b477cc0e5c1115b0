import { InvalidTransitionError } from '@opshub/errors';
import { Executive, OusState } from './ous-state.js';

/** Recipes the batch helper assigns; only Pipeline* ones can be processed by the pipeline. */
export const RECIPES = [
  'ManualCalibration',
  'PipelineCalibration',
  'PipelineImaging',
  'PipelineSingleDish',
  'PipelineCombination',
  'PipelineCalAndImg',
] as const;
export type Recipe = (typeof RECIPES)[number];

/** Ingestion substates of DeliveryInProgress, in order. */
export const INGESTION_STEPS = [
  'IngestionTriggered',
  'AnalyzingProducts',
  'IngestingProducts',
  'ProductsIngested',
] as const;

/** Every move an actor can ask for. */
export type OusMove =
  | { kind: 'markReplicated' }
  | { kind: 'assignRecipe'; recipe: Recipe }
  | { kind: 'assignExecutive'; executive: Executive }
  | { kind: 'pipelineFailed' }
  | { kind: 'pipelineSucceeded' }
  | { kind: 'requeue' }
  | { kind: 'startReview' }
  | { kind: 'cancelReview' }
  | { kind: 'qa2'; score: 'PASS' | 'SEMIPASS' | 'FAIL' }
  | { kind: 'startIngestion' }
  | { kind: 'ingestionStep'; substate: (typeof INGESTION_STEPS)[number] }
  | { kind: 'ingestionRefused' }
  | { kind: 'delivered' }
  | { kind: 'reportQa3Issue' }
  | { kind: 'resolveQa3' }
  | { kind: 'reset' };

export interface OusPosition {
  state: OusState;
  substate: string | null;
  executive: Executive | null;
  recipe: string | null;
  /** Guard facts the service looks up for the moves that need them (absent means no). */
  hasPipelineReport?: boolean;
  deliveryComplete?: boolean;
}

/** Substate of an OUS whose products the ingestor refused (a checksum did not match). */
export const INGESTION_REFUSED = 'IngestionRefused';

/** Where a legal move leads; `executive`/`recipe` only when the move changes them. */
export interface OusTarget {
  state: OusState;
  substate: string | null;
  executive?: Executive | null;
  recipe?: string | null;
}

const S = OusState;

function refuse(from: OusPosition, move: OusMove, why: string): never {
  throw new InvalidTransitionError(
    `Cannot ${move.kind} an ObsUnitSet in ${from.state}${from.substate ? `/${from.substate}` : ''}: ${why}`,
    {
      state: from.state,
      substate: from.substate,
      attempted: move.kind,
    },
  );
}

function expect(from: OusPosition, move: OusMove, ...states: OusState[]): void {
  if (!states.includes(from.state)) refuse(from, move, `only allowed from ${states.join(' or ')}`);
}

/** The one OUS state machine (domains.md §2): the target of `move`, or INVALID_TRANSITION. */
export function nextPosition(from: OusPosition, move: OusMove): OusTarget {
  switch (move.kind) {
    case 'markReplicated':
      expect(from, move, S.FULLY_OBSERVED);
      return { state: S.READY_FOR_PROCESSING, substate: null };
    case 'assignRecipe':
      expect(from, move, S.READY_FOR_PROCESSING);
      if (from.substate) refuse(from, move, `recipe ${from.substate} is already assigned`);
      return { state: S.READY_FOR_PROCESSING, substate: move.recipe, recipe: move.recipe };
    case 'assignExecutive': {
      expect(from, move, S.READY_FOR_PROCESSING);
      // After a QA2 Fail the substate is cleared but the recipe is kept, so the DRA can reassign.
      const recipe = from.substate ?? from.recipe;
      if (!recipe?.startsWith('Pipeline')) refuse(from, move, 'needs a Pipeline* recipe first');
      return { state: S.PROCESSING, substate: recipe, executive: move.executive };
    }
    case 'pipelineFailed':
      expect(from, move, S.PROCESSING);
      return { state: S.PROCESSING_PROBLEM, substate: from.substate };
    case 'pipelineSucceeded':
      expect(from, move, S.PROCESSING);
      return { state: S.READY_FOR_REVIEW, substate: null };
    case 'requeue':
      expect(from, move, S.PROCESSING_PROBLEM);
      return { state: S.READY_FOR_PROCESSING, substate: from.recipe, executive: null };
    case 'startReview':
      expect(from, move, S.READY_FOR_REVIEW);
      if (!from.hasPipelineReport)
        refuse(from, move, 'the latest pipeline run has no pipeline report to review');
      return { state: S.REVIEWING, substate: null };
    case 'cancelReview':
      expect(from, move, S.REVIEWING);
      return { state: S.READY_FOR_REVIEW, substate: null };
    case 'qa2':
      expect(from, move, S.REVIEWING);
      return move.score === 'FAIL'
        ? { state: S.READY_FOR_PROCESSING, substate: null, executive: null }
        : { state: S.VERIFIED, substate: null };
    case 'startIngestion':
      expect(from, move, S.VERIFIED);
      return { state: S.DELIVERY_IN_PROGRESS, substate: INGESTION_STEPS[0] };
    case 'ingestionStep': {
      expect(from, move, S.DELIVERY_IN_PROGRESS);
      const at = INGESTION_STEPS.indexOf(from.substate as (typeof INGESTION_STEPS)[number]);
      if (INGESTION_STEPS[at + 1] !== move.substate) {
        refuse(
          from,
          move,
          `the next ingestion step is ${INGESTION_STEPS[at + 1] ?? 'none'}, not ${move.substate}`,
        );
      }
      return { state: S.DELIVERY_IN_PROGRESS, substate: move.substate };
    }
    case 'ingestionRefused':
      // Not in the mockup: a product whose checksum does not match is refused, and the OUS goes
      // back to the reducers (ProcessingProblem, then requeue) instead of hanging in delivery.
      expect(from, move, S.DELIVERY_IN_PROGRESS);
      if (from.substate === 'ProductsIngested') refuse(from, move, 'every product is already ingested');
      return { state: S.PROCESSING_PROBLEM, substate: INGESTION_REFUSED };
    case 'delivered':
      expect(from, move, S.DELIVERY_IN_PROGRESS);
      if (from.substate !== 'ProductsIngested') refuse(from, move, 'products are not all ingested yet');
      if (!from.deliveryComplete) refuse(from, move, 'not every product is in the archive yet');
      return { state: S.DELIVERED, substate: null, executive: null };
    case 'reportQa3Issue':
      expect(from, move, S.DELIVERED);
      return { state: S.QA3_IN_PROGRESS, substate: null };
    case 'resolveQa3':
      expect(from, move, S.QA3_IN_PROGRESS);
      return { state: S.DELIVERED, substate: null };
    case 'reset':
      // The launcher's reset: back to the start, recipe and executive cleared (the batch helper
      // then chooses again). Not while a pipeline runs or products are being archived: those
      // actors would finish against an OUS that no longer expects them.
      if (from.state === S.PROCESSING) refuse(from, move, 'a pipeline run is in progress');
      if (from.state === S.DELIVERY_IN_PROGRESS) refuse(from, move, 'products are being ingested');
      return { state: S.READY_FOR_PROCESSING, substate: null, executive: null, recipe: null };
  }
}
