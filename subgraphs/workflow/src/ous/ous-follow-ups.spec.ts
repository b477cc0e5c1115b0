import { describe, expect, it } from 'vitest';
import { followUpOf, type OusAt } from './ous-follow-ups.js';
import { OusState } from './ous-state.js';

const at = (state: OusState, extra: Partial<OusAt> = {}): OusAt => ({
  id: 'uid://X1/X1/Xb0',
  state,
  substate: null,
  executive: null,
  recipe: null,
  version: 3,
  ...extra,
});

describe('follow-ups: which system actor acts next', () => {
  it('sends a new OUS to the batch helper, and not one whose recipe survived a QA2 Fail', () => {
    expect(followUpOf(at(OusState.READY_FOR_PROCESSING))).toEqual({
      job: 'assign-recipe',
      payload: { ousId: 'uid://X1/X1/Xb0' },
      jobId: 'assign-recipe.uid___X1_X1_Xb0.v3',
    });
    expect(followUpOf(at(OusState.READY_FOR_PROCESSING, { recipe: 'PipelineImaging' }))).toBeNull();
  });

  it('runs the pipeline on the executive’s own queue', () => {
    expect(followUpOf(at(OusState.PROCESSING, { executive: 'JAO' }))).toMatchObject({
      job: 'run-pipeline-jao',
      payload: { ousId: 'uid://X1/X1/Xb0', executive: 'JAO' },
    });
  });

  it('replicates once per run, not after a cancelled review', () => {
    expect(followUpOf(at(OusState.READY_FOR_REVIEW), false, OusState.PROCESSING)?.job).toBe(
      'replicate-products',
    );
    expect(followUpOf(at(OusState.READY_FOR_REVIEW), false, OusState.REVIEWING)).toBeNull();
    expect(followUpOf(at(OusState.READY_FOR_REVIEW), true)?.job).toBe('replicate-products');
  });

  it('ingests once verified, tracks delivery once ingested, and resumes a stalled ingestion only when asked', () => {
    expect(followUpOf(at(OusState.VERIFIED))?.job).toBe('ingest-products');
    expect(followUpOf(at(OusState.DELIVERY_IN_PROGRESS, { substate: 'ProductsIngested' }))?.job).toBe(
      'track-delivery',
    );
    expect(followUpOf(at(OusState.DELIVERY_IN_PROGRESS, { substate: 'AnalyzingProducts' }))).toBeNull();
    expect(followUpOf(at(OusState.DELIVERY_IN_PROGRESS, { substate: 'AnalyzingProducts' }), true)?.job).toBe(
      'ingest-products',
    );
  });

  it('leaves the human steps to people', () => {
    for (const state of [
      OusState.REVIEWING,
      OusState.PROCESSING_PROBLEM,
      OusState.DELIVERED,
      OusState.QA3_IN_PROGRESS,
    ]) {
      expect(followUpOf(at(state), true)).toBeNull();
    }
  });
});
