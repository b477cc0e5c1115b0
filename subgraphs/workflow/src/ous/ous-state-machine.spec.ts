import { describe, expect, it } from 'vitest';
import { Executive, OusState } from './ous-state.js';
import { nextPosition, type OusMove, type OusPosition } from './ous-state-machine.js';

const S = OusState;
const at = (
  state: OusState,
  substate: string | null = null,
  extra: Partial<OusPosition> = {},
): OusPosition => ({
  state,
  substate,
  executive: null,
  recipe: null,
  ...extra,
});

/** Every legal move of domains.md §2, with where it must lead. */
const LEGAL: [string, OusPosition, OusMove, Partial<ReturnType<typeof nextPosition>>][] = [
  [
    'data replicated',
    at(S.FULLY_OBSERVED),
    { kind: 'markReplicated' },
    { state: S.READY_FOR_PROCESSING, substate: null },
  ],
  [
    'batch helper sets the recipe',
    at(S.READY_FOR_PROCESSING),
    { kind: 'assignRecipe', recipe: 'PipelineCalibration' },
    { state: S.READY_FOR_PROCESSING, substate: 'PipelineCalibration', recipe: 'PipelineCalibration' },
  ],
  [
    'DRA assigns an executive',
    at(S.READY_FOR_PROCESSING, 'PipelineImaging'),
    { kind: 'assignExecutive', executive: Executive.EU },
    { state: S.PROCESSING, executive: Executive.EU },
  ],
  [
    'pipeline exit code 2',
    at(S.PROCESSING, 'PipelineImaging'),
    { kind: 'pipelineFailed' },
    { state: S.PROCESSING_PROBLEM },
  ],
  [
    'pipeline done',
    at(S.PROCESSING),
    { kind: 'pipelineSucceeded' },
    { state: S.READY_FOR_REVIEW, substate: null },
  ],
  [
    'requeue after a problem',
    at(S.PROCESSING_PROBLEM, 'PipelineImaging', { recipe: 'PipelineImaging', executive: Executive.EA }),
    { kind: 'requeue' },
    { state: S.READY_FOR_PROCESSING, substate: 'PipelineImaging', executive: null },
  ],
  [
    'QA2 reviewer picks it up',
    at(S.READY_FOR_REVIEW, null, { hasPipelineReport: true }),
    { kind: 'startReview' },
    { state: S.REVIEWING },
  ],
  ['review cancelled', at(S.REVIEWING), { kind: 'cancelReview' }, { state: S.READY_FOR_REVIEW }],
  [
    'QA2 Fail',
    at(S.REVIEWING),
    { kind: 'qa2', score: 'FAIL' },
    { state: S.READY_FOR_PROCESSING, substate: null, executive: null },
  ],
  ['QA2 Pass', at(S.REVIEWING), { kind: 'qa2', score: 'PASS' }, { state: S.VERIFIED }],
  ['QA2 SemiPass', at(S.REVIEWING), { kind: 'qa2', score: 'SEMIPASS' }, { state: S.VERIFIED }],
  [
    'ingestion starts',
    at(S.VERIFIED),
    { kind: 'startIngestion' },
    { state: S.DELIVERY_IN_PROGRESS, substate: 'IngestionTriggered' },
  ],
  [
    'analyzing products',
    at(S.DELIVERY_IN_PROGRESS, 'IngestionTriggered'),
    { kind: 'ingestionStep', substate: 'AnalyzingProducts' },
    { substate: 'AnalyzingProducts' },
  ],
  [
    'ingesting products',
    at(S.DELIVERY_IN_PROGRESS, 'AnalyzingProducts'),
    { kind: 'ingestionStep', substate: 'IngestingProducts' },
    { substate: 'IngestingProducts' },
  ],
  [
    'products ingested',
    at(S.DELIVERY_IN_PROGRESS, 'IngestingProducts'),
    { kind: 'ingestionStep', substate: 'ProductsIngested' },
    { substate: 'ProductsIngested' },
  ],
  [
    'ingestion refuses a product',
    at(S.DELIVERY_IN_PROGRESS, 'AnalyzingProducts', { executive: Executive.EU }),
    { kind: 'ingestionRefused' },
    { state: S.PROCESSING_PROBLEM, substate: 'IngestionRefused' },
  ],
  [
    'delivered',
    at(S.DELIVERY_IN_PROGRESS, 'ProductsIngested', { executive: Executive.EU, deliveryComplete: true }),
    { kind: 'delivered' },
    { state: S.DELIVERED, executive: null },
  ],
  ['PI reports an issue', at(S.DELIVERED), { kind: 'reportQa3Issue' }, { state: S.QA3_IN_PROGRESS }],
  ['no issue found', at(S.QA3_IN_PROGRESS), { kind: 'resolveQa3' }, { state: S.DELIVERED }],
];

/** The one state each move is allowed from (with a substate that satisfies its guard). */
const SOURCE: Record<OusMove['kind'], OusPosition> = Object.fromEntries(
  LEGAL.map(([, from, move]) => [move.kind, from]),
) as never;
/** Guard facts kept when a move is tried from another state, so only the state can refuse it. */
const facts = (p: OusPosition): Partial<OusPosition> => ({
  hasPipelineReport: p.hasPipelineReport,
  deliveryComplete: p.deliveryComplete,
  recipe: p.recipe,
});
const MOVES: OusMove[] = LEGAL.map(([, , move]) => move);
/** Moves legal from several states, tested on their own below. */
const MANY_SOURCES = new Set<OusMove['kind']>(['reset']);

describe('OUS state machine', () => {
  it.each(LEGAL)('%s', (_name, from, move, expected) => {
    expect(nextPosition(from, move)).toMatchObject(expected);
  });

  for (const state of Object.values(S)) {
    for (const move of MOVES.filter((m) => !MANY_SOURCES.has(m.kind) && SOURCE[m.kind].state !== state)) {
      it(`refuses ${move.kind} from ${state} with INVALID_TRANSITION naming both`, () => {
        let error: unknown;
        try {
          nextPosition(at(state, SOURCE[move.kind].substate, facts(SOURCE[move.kind])), move);
        } catch (e) {
          error = e;
        }
        expect(error).toMatchObject({
          extensions: { code: 'INVALID_TRANSITION', state, attempted: move.kind },
        });
        expect((error as Error).message).toContain(state);
        expect((error as Error).message).toContain(move.kind);
      });
    }
  }

  it('refuses assigning an executive to a manual recipe', () => {
    expect(() =>
      nextPosition(at(S.READY_FOR_PROCESSING, 'ManualCalibration'), {
        kind: 'assignExecutive',
        executive: Executive.NA,
      }),
    ).toThrow(/Pipeline/);
  });

  it('refuses skipping an ingestion step and delivering before ingestion ends', () => {
    expect(() =>
      nextPosition(at(S.DELIVERY_IN_PROGRESS, 'IngestionTriggered'), {
        kind: 'ingestionStep',
        substate: 'ProductsIngested',
      }),
    ).toThrow(/AnalyzingProducts/);
    expect(() =>
      nextPosition(at(S.DELIVERY_IN_PROGRESS, 'IngestingProducts'), { kind: 'delivered' }),
    ).toThrow(/not all ingested/);
  });

  it('refuses a review with no pipeline report, naming why', () => {
    let error: unknown;
    try {
      nextPosition(at(S.READY_FOR_REVIEW), { kind: 'startReview' });
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({
      extensions: { code: 'INVALID_TRANSITION', state: S.READY_FOR_REVIEW, attempted: 'startReview' },
    });
    expect((error as Error).message).toMatch(/no pipeline report/);
  });

  it('refuses Delivered until every product is in the archive', () => {
    expect(() => nextPosition(at(S.DELIVERY_IN_PROGRESS, 'ProductsIngested'), { kind: 'delivered' })).toThrow(
      /archive/,
    );
  });

  it('lets the DRA reassign after a QA2 Fail: the substate is cleared, the recipe kept', () => {
    const failed = nextPosition(
      at(S.REVIEWING, null, { recipe: 'PipelineImaging', executive: Executive.EU }),
      { kind: 'qa2', score: 'FAIL' },
    );
    expect(failed).toEqual({ state: S.READY_FOR_PROCESSING, substate: null, executive: null });
    const again = nextPosition(
      { ...at(failed.state, failed.substate, { recipe: 'PipelineImaging' }) },
      { kind: 'assignExecutive', executive: Executive.NA },
    );
    expect(again).toEqual({ state: S.PROCESSING, substate: 'PipelineImaging', executive: Executive.NA });
  });

  it('refuses products once every one is ingested', () => {
    expect(() =>
      nextPosition(at(S.DELIVERY_IN_PROGRESS, 'ProductsIngested'), { kind: 'ingestionRefused' }),
    ).toThrow(/already ingested/);
  });
  it.each(Object.values(S).filter((st) => st !== S.PROCESSING && st !== S.DELIVERY_IN_PROGRESS))(
    'resets an OUS in %s to ReadyForProcessing with recipe and executive cleared',
    (state) => {
      expect(
        nextPosition(at(state, 'x', { executive: Executive.EU, recipe: 'PipelineImaging' }), {
          kind: 'reset',
        }),
      ).toEqual({
        state: S.READY_FOR_PROCESSING,
        substate: null,
        executive: null,
        recipe: null,
      });
    },
  );

  it.each([S.PROCESSING, S.DELIVERY_IN_PROGRESS])(
    'refuses a reset in %s with INVALID_TRANSITION',
    (state) => {
      expect(() => nextPosition(at(state), { kind: 'reset' })).toThrow(
        expect.objectContaining({
          extensions: expect.objectContaining({ code: 'INVALID_TRANSITION', attempted: 'reset' }),
        }),
      );
    },
  );
});
