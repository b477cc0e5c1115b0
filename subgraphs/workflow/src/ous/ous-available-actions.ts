import { hasRole, type Principal, type RoleName } from '@opshub/auth';
import { InvalidTransitionError } from '@opshub/errors';
import { Executive } from './ous-state.js';
import { nextPosition, type OusMove, type OusPosition } from './ous-state-machine.js';

/** The human moves of the lifecycle, named as their mutations. */
export enum OusAction {
  ASSIGN_EXECUTIVE = 'assignExecutive',
  START_REVIEW = 'startReview',
  CANCEL_REVIEW = 'cancelReview',
  SUBMIT_QA2 = 'submitQa2',
  REQUEUE = 'requeue',
  REPORT_QA3_ISSUE = 'reportQa3Issue',
  RESOLVE_QA3 = 'resolveQa3',
  RESET = 'resetObsUnitSet',
}

/** What stops an action now. */
export enum OusActionBlock {
  /** The state machine has no such move from the OUS's state (and substate). */
  STATE = 'STATE',
  /** The move exists from this state but a guard fact is missing (no pipeline report yet…). */
  GUARD = 'GUARD',
  /** The move is legal now, but the caller's role may not make it. */
  ROLE = 'ROLE',
}

export interface OusActionView {
  action: OusAction;
  allowed: boolean;
  reason: string | null;
  blockedBy: OusActionBlock | null;
}

/**
 * Each action's role and its move for the dry run. The mutations take their `@Authorized` role from
 * here, so the role the API enforces and the one it reports are the same value.
 * `assignExecutive` and `submitQa2` are tried with one executive and one score: the state machine
 * decides their legality from the OUS alone (the choice only changes where they lead).
 */
export const OUS_ACTIONS: Readonly<Record<OusAction, { role: RoleName; move: OusMove }>> = {
  [OusAction.ASSIGN_EXECUTIVE]: {
    role: 'OPERATOR',
    move: { kind: 'assignExecutive', executive: Executive.EU },
  },
  [OusAction.START_REVIEW]: { role: 'OPERATOR', move: { kind: 'startReview' } },
  [OusAction.CANCEL_REVIEW]: { role: 'OPERATOR', move: { kind: 'cancelReview' } },
  [OusAction.SUBMIT_QA2]: { role: 'OPERATOR', move: { kind: 'qa2', score: 'PASS' } },
  [OusAction.REQUEUE]: { role: 'OPERATOR', move: { kind: 'requeue' } },
  [OusAction.REPORT_QA3_ISSUE]: { role: 'OPERATOR', move: { kind: 'reportQa3Issue' } },
  [OusAction.RESOLVE_QA3]: { role: 'OPERATOR', move: { kind: 'resolveQa3' } },
  [OusAction.RESET]: { role: 'ADMIN', move: { kind: 'reset' } },
};

/** The state machine's refusal of `move` from `from`, or null when it would take it. */
function refusal(from: OusPosition, move: OusMove): string | null {
  try {
    nextPosition(from, move);
    return null;
  } catch (error) {
    if (error instanceof InvalidTransitionError) return error.message;
    throw error;
  }
}

/**
 * A dry run of every human action for the caller: the state machine first (with the real guard
 * facts; a refusal that disappears when every fact holds is a GUARD, otherwise the STATE), then the
 * caller's role. The mutations apply the same machine and role, so `allowed` is what they would do
 * now (a concurrent move may still win first: the mutation then answers CONFLICT).
 */
export function availableActions(
  from: OusPosition,
  caller: Pick<Principal, 'roles'> | undefined,
): OusActionView[] {
  const everyFact: OusPosition = { ...from, hasPipelineReport: true, deliveryComplete: true };
  return Object.values(OusAction).map((action) => {
    const { role, move } = OUS_ACTIONS[action];
    const refused = refusal(from, move);
    if (refused) {
      const blockedBy = refusal(everyFact, move) ? OusActionBlock.STATE : OusActionBlock.GUARD;
      return { action, allowed: false, reason: refused, blockedBy };
    }
    if (!hasRole(caller, role))
      return { action, allowed: false, reason: `needs the ${role} role`, blockedBy: OusActionBlock.ROLE };
    return { action, allowed: true, reason: null, blockedBy: null };
  });
}
