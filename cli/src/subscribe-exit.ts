// What `opshub subscribe` exits with, for shell scripts to branch on (cli/README.md lists them).
import type { HubError } from '@opshub/client';

/** The exit codes of `opshub subscribe`; each is documented in cli/README.md. */
export const SubscribeExit = {
  /** The hub ended the stream, --count events arrived, or --timeout ended a subscription without --count. */
  DONE: 0,
  /** Something the CLI did not expect (a bug): its message on stderr. */
  UNEXPECTED: 1,
  /** Bad options or arguments: nothing was sent. */
  USAGE: 2,
  /** No token, or the hub refused it (UNAUTHENTICATED), or the caller's role may not subscribe (FORBIDDEN). */
  AUTH: 3,
  /** The document is not a valid subscription, or the hub answered it with GraphQL errors. */
  GRAPHQL: 4,
  /** The hub could not be reached, or stayed unavailable, after the retries. */
  UNREACHABLE: 5,
  /** --timeout elapsed before --count events arrived. */
  TIMEOUT: 6,
  /** Interrupted (Ctrl-C): 128 + SIGINT. */
  SIGINT: 130,
  /** Terminated: 128 + SIGTERM. */
  SIGTERM: 143,
} as const;

export type SubscribeExitCode = (typeof SubscribeExit)[keyof typeof SubscribeExit];

const AUTH_CODES = new Set(['UNAUTHENTICATED', 'FORBIDDEN']);
/** The client's own codes (no GraphQL reply at all) and the hub's "try again later" ones. */
const UNREACHABLE_CODES = new Set([
  'NETWORK_ERROR',
  'BAD_RESPONSE',
  'UPSTREAM_UNAVAILABLE',
  'SERVICE_UNAVAILABLE',
  'RATE_LIMITED',
]);

/** The exit code for the error that ended a subscription (the client has already retried what it retries). */
export function exitCodeOf(error: Pick<HubError, 'code'>): SubscribeExitCode {
  if (AUTH_CODES.has(error.code)) return SubscribeExit.AUTH;
  if (UNREACHABLE_CODES.has(error.code)) return SubscribeExit.UNREACHABLE;
  return SubscribeExit.GRAPHQL;
}
