import type { RoleName } from '@opshub/auth';
import { describe, expect, it } from 'vitest';
import { availableActions, OusAction as A, OusActionBlock } from './ous-available-actions.js';
import { OusState } from './ous-state.js';
import type { OusPosition } from './ous-state-machine.js';

const S = OusState;
const at = (state: OusState, extra: Partial<OusPosition> = {}): OusPosition => ({
  state,
  substate: null,
  executive: null,
  recipe: null,
  ...extra,
});

/** Per state, the actions the lifecycle (domains.md §2) offers a person there, written out by hand. */
const LEGAL: [string, OusPosition, A[]][] = [
  ['FullyObserved', at(S.FULLY_OBSERVED), [A.RESET]],
  ['ReadyForProcessing without recipe', at(S.READY_FOR_PROCESSING), [A.RESET]],
  [
    'ReadyForProcessing with a Pipeline recipe',
    at(S.READY_FOR_PROCESSING, { substate: 'PipelineImaging', recipe: 'PipelineImaging' }),
    [A.ASSIGN_EXECUTIVE, A.RESET],
  ],
  [
    'ReadyForProcessing after a QA2 Fail (recipe kept)',
    at(S.READY_FOR_PROCESSING, { recipe: 'PipelineCalibration' }),
    [A.ASSIGN_EXECUTIVE, A.RESET],
  ],
  [
    'ReadyForProcessing with a manual recipe',
    at(S.READY_FOR_PROCESSING, { substate: 'ManualCalibration', recipe: 'ManualCalibration' }),
    [A.RESET],
  ],
  ['Processing', at(S.PROCESSING, { substate: 'PipelineImaging' }), []],
  ['ProcessingProblem', at(S.PROCESSING_PROBLEM, { recipe: 'PipelineImaging' }), [A.REQUEUE, A.RESET]],
  [
    'ReadyForReview with a report',
    at(S.READY_FOR_REVIEW, { hasPipelineReport: true }),
    [A.START_REVIEW, A.RESET],
  ],
  ['Reviewing', at(S.REVIEWING), [A.CANCEL_REVIEW, A.SUBMIT_QA2, A.RESET]],
  ['Verified', at(S.VERIFIED), [A.RESET]],
  ['DeliveryInProgress', at(S.DELIVERY_IN_PROGRESS, { substate: 'AnalyzingProducts' }), []],
  ['Delivered', at(S.DELIVERED), [A.REPORT_QA3_ISSUE, A.RESET]],
  ['QA3InProgress', at(S.QA3_IN_PROGRESS), [A.RESOLVE_QA3, A.RESET]],
];

const ROLE_NEEDED: Record<A, RoleName> = {
  [A.ASSIGN_EXECUTIVE]: 'OPERATOR',
  [A.START_REVIEW]: 'OPERATOR',
  [A.CANCEL_REVIEW]: 'OPERATOR',
  [A.SUBMIT_QA2]: 'OPERATOR',
  [A.REQUEUE]: 'OPERATOR',
  [A.REPORT_QA3_ISSUE]: 'OPERATOR',
  [A.RESOLVE_QA3]: 'OPERATOR',
  [A.RESET]: 'ADMIN',
};
// Capability roles (BROKER, SQL) carry no rank: a broker may take no workflow action.
const RANK: Record<RoleName, number> = { VIEWER: 0, OPERATOR: 1, ADMIN: 2, BROKER: -1, SQL: -1 };
const CALLERS: [string, { roles: RoleName[] } | undefined][] = [
  ['anonymous', undefined],
  ['VIEWER', { roles: ['VIEWER'] }],
  ['OPERATOR', { roles: ['OPERATOR'] }],
  ['ADMIN', { roles: ['ADMIN'] }],
  ['VIEWER+OPERATOR', { roles: ['VIEWER', 'OPERATOR'] }],
  ['BROKER+SQL', { roles: ['BROKER', 'SQL'] }],
];

describe('availableActions', () => {
  it('lists every action, each once', () => {
    const actions = availableActions(at(S.REVIEWING), { roles: ['ADMIN'] }).map((a) => a.action);
    expect(actions.sort()).toEqual(Object.values(A).sort());
  });

  for (const [label, position, legal] of LEGAL) {
    for (const [who, caller] of CALLERS) {
      it(`${label}, ${who}`, () => {
        const best = Math.max(-1, ...(caller?.roles ?? []).map((r) => RANK[r]));
        for (const view of availableActions(position, caller)) {
          const isLegal = legal.includes(view.action);
          const mayRole = best >= RANK[ROLE_NEEDED[view.action]];
          if (!isLegal) {
            expect(view, view.action).toMatchObject({ allowed: false, blockedBy: OusActionBlock.STATE });
            expect(view.reason, view.action).toMatch(/^Cannot /);
          } else if (!mayRole) {
            expect(view, view.action).toEqual({
              action: view.action,
              allowed: false,
              reason: `needs the ${ROLE_NEEDED[view.action]} role`,
              blockedBy: OusActionBlock.ROLE,
            });
          } else {
            expect(view, view.action).toEqual({
              action: view.action,
              allowed: true,
              reason: null,
              blockedBy: null,
            });
          }
        }
      });
    }
  }

  it('reports a missing pipeline report as a GUARD, whatever the role', () => {
    for (const [, caller] of CALLERS) {
      const review = availableActions(at(S.READY_FOR_REVIEW), caller).find(
        (a) => a.action === A.START_REVIEW,
      );
      expect(review).toMatchObject({ allowed: false, blockedBy: OusActionBlock.GUARD });
      expect(review?.reason).toContain('no pipeline report');
    }
  });

  it('gives the state machine its say before the role', () => {
    const assign = availableActions(at(S.READY_FOR_PROCESSING), { roles: ['VIEWER'] }).find(
      (a) => a.action === A.ASSIGN_EXECUTIVE,
    );
    expect(assign).toMatchObject({ allowed: false, blockedBy: OusActionBlock.STATE });
    expect(assign?.reason).toContain('needs a Pipeline* recipe first');
  });
});
