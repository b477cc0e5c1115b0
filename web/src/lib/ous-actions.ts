/**
 * Which human moves the OUS page offers, mirroring the workflow subgraph's state machine
 * (subgraphs/workflow/src/ous/ous-state-machine.ts) and its `@Authorized('OPERATOR')` mutations.
 * The server stays the authority: this only decides which buttons to show, and the page shows
 * the hub's coded error when it refuses anyway (someone else moved the OUS first, no report yet).
 */

export type OusAction =
  | 'assignExecutive'
  | 'startReview'
  | 'cancelReview'
  | 'submitQa2'
  | 'requeue'
  | 'reportQa3Issue'
  | 'resolveQa3';

export const EXECUTIVES = ['EA', 'EU', 'NA', 'JAO'] as const;
export type ExecutiveName = (typeof EXECUTIVES)[number];

export const QA2_SCORES = ['PASS', 'SEMIPASS', 'FAIL'] as const;
export type Qa2ScoreName = (typeof QA2_SCORES)[number];

/** Roles in increasing rights, as in @opshub/auth (each includes the ones before it). */
const ROLES = ['VIEWER', 'OPERATOR', 'ADMIN'] as const;

export function hasRole(roles: readonly string[], needed: (typeof ROLES)[number]): boolean {
  const rank = (r: string): number => (ROLES as readonly string[]).indexOf(r);
  return roles.some((r) => rank(r) >= rank(needed));
}

export interface OusPosition {
  state: string;
  substate?: string | null;
  recipe?: string | null;
}

/** The recipe the DRA would process: the substate, or the kept recipe after a QA2 Fail. */
function pipelineRecipe(ous: OusPosition): boolean {
  return (ous.substate ?? ous.recipe ?? '').startsWith('Pipeline');
}

/** The moves legal for the OUS's state that the user's roles allow, in the order the page shows them. */
export function availableActions(ous: OusPosition, roles: readonly string[]): OusAction[] {
  if (!hasRole(roles, 'OPERATOR')) return [];
  switch (ous.state) {
    case 'READY_FOR_PROCESSING':
      return pipelineRecipe(ous) ? ['assignExecutive'] : [];
    case 'READY_FOR_REVIEW':
      return ['startReview'];
    case 'REVIEWING':
      return ['submitQa2', 'cancelReview'];
    case 'PROCESSING_PROBLEM':
      return ['requeue'];
    case 'DELIVERED':
      return ['reportQa3Issue'];
    case 'QA3_IN_PROGRESS':
      return ['resolveQa3'];
    default:
      return [];
  }
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
