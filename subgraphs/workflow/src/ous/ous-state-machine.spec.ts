import { describe, expect, it } from 'vitest';
import { Executive, OusState } from './ous-state.js';
import { nextPosition, type OusMove, type OusPosition } from './ous-state-machine.js';

const S = OusState;
const at = (state: OusState, substate: string | null = null, extra: Partial<OusPosition> = {}): OusPosition => ({
  state,
  substate,
  executive: null,
  recipe: null,
  ...extra,
});

/** Every legal move of domains.md §2, with where it must lead. */
const LEGAL: [string, OusPosition, OusMove, Partial<ReturnType<typeof nextPosition>>][] = [
  ['data replicated', at(S.FULLY_OBSERVED), { kind: 'markReplicated' }, { state: S.READY_FOR_PROCESSING, substate: null }],
  ['batch helper sets the recipe', at(S.READY_FOR_PROCESSING), { kind: 'assignRecipe', recipe: 'PipelineCalibration' }, { state: S.READY_FOR_PROCESSING, substate: 'PipelineCalibration', recipe: 'PipelineCalibration' }],
  ['DRA assigns an executive', at(S.READY_FOR_PROCESSING, 'PipelineImaging'), { kind: 'assignExecutive', executive: Executive.EU }, { state: S.PROCESSING, executive: Executive.EU }],
  ['pipeline exit code 2', at(S.PROCESSING, 'PipelineImaging'), { kind: 'pipelineFailed' }, { state: S.PROCESSING_PROBLEM }],
  ['pipeline done', at(S.PROCESSING), { kind: 'pipelineSucceeded' }, { state: S.READY_FOR_REVIEW, substate: null }],
  ['requeue after a problem', at(S.PROCESSING_PROBLEM, 'PipelineImaging', { recipe: 'PipelineImaging', executive: Executive.EA }), { kind: 'requeue' }, { state: S.READY_FOR_PROCESSING, substate: 'PipelineImaging', executive: null }],
  ['QA2 reviewer picks it up', at(S.READY_FOR_REVIEW), { kind: 'startReview' }, { state: S.REVIEWING }],
  ['review cancelled', at(S.REVIEWING), { kind: 'cancelReview' }, { state: S.READY_FOR_REVIEW }],
  ['QA2 Fail', at(S.REVIEWING), { kind: 'qa2', score: 'FAIL' }, { state: S.READY_FOR_PROCESSING, substate: null, executive: null }],
  ['QA2 Pass', at(S.REVIEWING), { kind: 'qa2', score: 'PASS' }, { state: S.VERIFIED }],
  ['QA2 SemiPass', at(S.REVIEWING), { kind: 'qa2', score: 'SEMIPASS' }, { state: S.VERIFIED }],
  ['ingestion starts', at(S.VERIFIED), { kind: 'startIngestion' }, { state: S.DELIVERY_IN_PROGRESS, substate: 'IngestionTriggered' }],
  ['analyzing products', at(S.DELIVERY_IN_PROGRESS, 'IngestionTriggered'), { kind: 'ingestionStep', substate: 'AnalyzingProducts' }, { substate: 'AnalyzingProducts' }],
  ['ingesting products', at(S.DELIVERY_IN_PROGRESS, 'AnalyzingProducts'), { kind: 'ingestionStep', substate: 'IngestingProducts' }, { substate: 'IngestingProducts' }],
  ['products ingested', at(S.DELIVERY_IN_PROGRESS, 'IngestingProducts'), { kind: 'ingestionStep', substate: 'ProductsIngested' }, { substate: 'ProductsIngested' }],
  ['delivered', at(S.DELIVERY_IN_PROGRESS, 'ProductsIngested', { executive: Executive.EU }), { kind: 'delivered' }, { state: S.DELIVERED, executive: null }],
  ['PI reports an issue', at(S.DELIVERED), { kind: 'reportQa3Issue' }, { state: S.QA3_IN_PROGRESS }],
  ['no issue found', at(S.QA3_IN_PROGRESS), { kind: 'resolveQa3' }, { state: S.DELIVERED }],
];

/** The one state each move is allowed from (with a substate that satisfies its guard). */
const SOURCE: Record<OusMove['kind'], OusPosition> = Object.fromEntries(LEGAL.map(([, from, move]) => [move.kind, from])) as never;
const MOVES: OusMove[] = LEGAL.map(([, , move]) => move);

describe('OUS state machine', () => {
  it.each(LEGAL)('%s', (_name, from, move, expected) => {
    expect(nextPosition(from, move)).toMatchObject(expected);
  });

  for (const state of Object.values(S)) {
    for (const move of MOVES.filter((m) => SOURCE[m.kind].state !== state)) {
      it(`refuses ${move.kind} from ${state} with INVALID_TRANSITION naming both`, () => {
        let error: unknown;
        try {
          nextPosition(at(state, SOURCE[move.kind].substate), move);
        } catch (e) {
          error = e;
        }
        expect(error).toMatchObject({ extensions: { code: 'INVALID_TRANSITION', state, attempted: move.kind } });
        expect((error as Error).message).toContain(state);
        expect((error as Error).message).toContain(move.kind);
      });
    }
  }

  it('refuses assigning an executive to a manual recipe', () => {
    expect(() => nextPosition(at(S.READY_FOR_PROCESSING, 'ManualCalibration'), { kind: 'assignExecutive', executive: Executive.NA })).toThrow(/Pipeline/);
  });

  it('refuses skipping an ingestion step and delivering before ingestion ends', () => {
    expect(() => nextPosition(at(S.DELIVERY_IN_PROGRESS, 'IngestionTriggered'), { kind: 'ingestionStep', substate: 'ProductsIngested' })).toThrow(/AnalyzingProducts/);
    expect(() => nextPosition(at(S.DELIVERY_IN_PROGRESS, 'IngestingProducts'), { kind: 'delivered' })).toThrow(/not all ingested/);
  });
});
