/**
 * What the OUS page needs to render the hub's `availableActions`: the input checks of its forms and
 * the words for an action. Which actions are allowed, and why not, is the workflow subgraph's answer
 * (its state machine and the mutations' roles); the page renders it and keeps no copy of either.
 */
import { Executive, Qa2Score, type OusAction, type OusActionBlock } from '../gql/graphql';

/** The API's enums, in its order (the generated objects). */
export const EXECUTIVES: readonly Executive[] = Object.values(Executive);
export type ExecutiveName = Executive;

export const QA2_SCORES: readonly Qa2Score[] = Object.values(Qa2Score);
export type Qa2ScoreName = Qa2Score;

/** One entry of `ObsUnitSet.availableActions`. */
export interface ActionView {
  action: OusAction;
  allowed: boolean;
  reason?: string | null;
  blockedBy?: OusActionBlock | null;
}

/** The actions this page has a control for (the launcher's reset is a CLI and API action). */
const ON_PAGE: readonly OusAction[] = [
  'ASSIGN_EXECUTIVE',
  'START_REVIEW',
  'SUBMIT_QA2',
  'CANCEL_REVIEW',
  'REQUEUE',
  'REPORT_QA3_ISSUE',
  'RESOLVE_QA3',
];

const LABELS: Record<OusAction, string> = {
  ASSIGN_EXECUTIVE: 'Assign executive',
  START_REVIEW: 'Start review',
  CANCEL_REVIEW: 'Cancel review',
  SUBMIT_QA2: 'QA2 verdict',
  REQUEUE: 'Requeue',
  REPORT_QA3_ISSUE: 'Report QA3 issue',
  RESOLVE_QA3: 'Resolve QA3',
  RESET: 'Reset',
};

export function actionLabel(action: OusAction): string {
  return LABELS[action];
}

/** How the page shows the hub's answer: the controls to offer, the moves waiting on a condition, the role note. */
export interface ActionPlan {
  offered: ReadonlySet<OusAction>;
  /** Legal from this state but not yet possible (no pipeline report…): shown with the hub's reason. */
  waiting: ActionView[];
  /** The hub's reason when the caller's role is all that stops a move here; null otherwise. */
  roleReason: string | null;
}

export function planActions(views: readonly ActionView[]): ActionPlan {
  const mine = views.filter((v) => ON_PAGE.includes(v.action));
  return {
    offered: new Set(mine.filter((v) => v.allowed).map((v) => v.action)),
    waiting: mine.filter((v) => v.blockedBy === 'GUARD'),
    roleReason: mine.find((v) => v.blockedBy === 'ROLE')?.reason ?? null,
  };
}

/**
 * Why a QA2 verdict cannot be sent yet, or null. A Fail sends the OUS back to the reducers, who
 * need the reviewer's reason: the form asks for it (the server accepts a Fail without one).
 */
export function qa2Problem(score: Qa2ScoreName, comment: string): string | null {
  if (score === 'FAIL' && comment.trim() === '') return 'A Fail needs a comment for the data reducers.';
  return null;
}

/** A QA3 issue is the PI's report: the note is required by the API. */
export function qa3NoteProblem(note: string): string | null {
  return note.trim() === '' ? 'Describe the issue the PI reported.' : null;
}
