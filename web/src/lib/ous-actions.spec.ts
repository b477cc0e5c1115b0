import { describe, expect, it } from 'vitest';
import { planActions, qa2Problem, qa3NoteProblem, type ActionView } from './ous-actions';

const view = (
  action: ActionView['action'],
  blockedBy: ActionView['blockedBy'] = null,
  reason: string | null = null,
): ActionView => ({
  action,
  allowed: blockedBy === null,
  reason,
  blockedBy,
});

describe('planActions', () => {
  it('offers exactly the actions the hub allows', () => {
    const plan = planActions([
      view('SUBMIT_QA2'),
      view('CANCEL_REVIEW'),
      view('START_REVIEW', 'STATE', 'Cannot startReview an ObsUnitSet in Reviewing'),
      view('REQUEUE', 'STATE', 'Cannot requeue'),
    ]);
    expect([...plan.offered].sort()).toEqual(['CANCEL_REVIEW', 'SUBMIT_QA2']);
    expect(plan.waiting).toEqual([]);
    expect(plan.roleReason).toBeNull();
  });

  it("lists a move waiting on a condition with the hub's reason, and does not offer it", () => {
    const waiting = view('START_REVIEW', 'GUARD', 'the latest pipeline run has no pipeline report to review');
    const plan = planActions([waiting, view('CANCEL_REVIEW', 'STATE', 'x')]);
    expect(plan.offered.size).toBe(0);
    expect(plan.waiting).toEqual([waiting]);
  });

  it('gives the role reason only for moves the page has (reset is not one)', () => {
    expect(planActions([view('RESET', 'ROLE', 'needs the ADMIN role')]).roleReason).toBeNull();
    const viewer = planActions([
      view('ASSIGN_EXECUTIVE', 'ROLE', 'needs the OPERATOR role'),
      view('RESET', 'ROLE', 'x'),
    ]);
    expect(viewer.roleReason).toBe('needs the OPERATOR role');
    expect(viewer.offered.size).toBe(0);
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
