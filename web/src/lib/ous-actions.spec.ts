import { describe, expect, it } from 'vitest';
import { OUS_STATES } from './ous-state';
import { availableActions, hasRole, qa2Problem, qa3NoteProblem } from './ous-actions';

const OPERATOR = ['OPERATOR'];

describe('availableActions', () => {
  it('offers each human move only in the state the server allows it from', () => {
    const offered = Object.fromEntries(
      OUS_STATES.map((state) => [state, availableActions({ state, substate: 'PipelineImaging' }, OPERATOR)]),
    );
    expect(offered).toEqual({
      FULLY_OBSERVED: [],
      READY_FOR_PROCESSING: ['assignExecutive'],
      PROCESSING: [],
      PROCESSING_PROBLEM: ['requeue'],
      READY_FOR_REVIEW: ['startReview'],
      REVIEWING: ['submitQa2', 'cancelReview'],
      VERIFIED: [],
      DELIVERY_IN_PROGRESS: [],
      DELIVERED: ['reportQa3Issue'],
      QA3_IN_PROGRESS: ['resolveQa3'],
    });
  });

  it('assigns an executive only once a Pipeline* recipe is known', () => {
    const rfp = (substate: string | null, recipe: string | null = null) =>
      availableActions({ state: 'READY_FOR_PROCESSING', substate, recipe }, OPERATOR);
    expect(rfp(null)).toEqual([]); // the batch helper has not picked a recipe yet
    expect(rfp('ManualCalibration', 'ManualCalibration')).toEqual([]);
    expect(rfp('PipelineCalibration', 'PipelineCalibration')).toEqual(['assignExecutive']);
    // After a QA2 Fail the substate is cleared and the recipe kept: the DRA reassigns.
    expect(rfp(null, 'PipelineCalAndImg')).toEqual(['assignExecutive']);
  });

  it('offers nothing to a viewer, everything to an admin', () => {
    for (const state of OUS_STATES) {
      expect(availableActions({ state, substate: 'PipelineImaging' }, ['VIEWER'])).toEqual([]);
      expect(availableActions({ state, substate: 'PipelineImaging' }, [])).toEqual([]);
    }
    expect(availableActions({ state: 'REVIEWING' }, ['ADMIN'])).toEqual(['submitQa2', 'cancelReview']);
    expect(availableActions({ state: 'SOMETHING_NEW' }, ['ADMIN'])).toEqual([]);
  });
});

describe('hasRole', () => {
  it('ranks VIEWER < OPERATOR < ADMIN', () => {
    expect(hasRole(['VIEWER'], 'OPERATOR')).toBe(false);
    expect(hasRole(['OPERATOR'], 'OPERATOR')).toBe(true);
    expect(hasRole(['VIEWER', 'ADMIN'], 'OPERATOR')).toBe(true);
    expect(hasRole(['UNKNOWN'], 'VIEWER')).toBe(false);
  });
});

describe('form rules', () => {
  it('asks for a comment on a QA2 Fail only', () => {
    expect(qa2Problem('FAIL', '  ')).toMatch(/needs a comment/);
    expect(qa2Problem('FAIL', 'phase calibrator flagged')).toBeNull();
    expect(qa2Problem('PASS', '')).toBeNull();
    expect(qa2Problem('SEMIPASS', '')).toBeNull();
  });

  it('asks for the note of a QA3 issue', () => {
    expect(qa3NoteProblem('')).not.toBeNull();
    expect(qa3NoteProblem('PI: missing spw 25')).toBeNull();
  });
});
