import type { CombinedError } from '@urql/core';
import { graphql } from '../gql';
import { describeError, type ShownError } from './errors';

/** What every command mutation of the page selects: `...CommandOutcome`, read by `commandOutcome`. */
export const CommandOutcomeFragment = graphql(`
  fragment CommandOutcome on CommandResult {
    accepted
    reason
  }
`);

/** What a DCS command came to, as the control shows it. */
export type CommandOutcome =
  | { kind: 'done'; message: string }
  | { kind: 'refused'; message: string }
  | { kind: 'error'; error: ShownError };

interface CommandAnswer {
  error?: CombinedError | undefined;
  data?: Record<string, { accepted: boolean; reason?: string | null } | undefined> | undefined | null;
}

/**
 * Reads a `CommandResult` mutation answer: a coded refusal (INTERLOCKED, INVALID_TRANSITION…) is an
 * error with the hub's reason; a command the device did not confirm is `refused` with its reason.
 */
export function commandOutcome(answer: CommandAnswer, label: string): CommandOutcome {
  if (answer.error) return { kind: 'error', error: describeError(answer.error) };
  const result = answer.data ? Object.values(answer.data)[0] : undefined;
  if (!result)
    return { kind: 'error', error: { code: 'BAD_RESPONSE', message: 'No command result returned' } };
  if (!result.accepted)
    return {
      kind: 'refused',
      message: `${label}: not confirmed${result.reason ? ` (${result.reason})` : ''}`,
    };
  return { kind: 'done', message: label };
}
