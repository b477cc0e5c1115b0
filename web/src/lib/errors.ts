import type { CombinedError } from '@urql/core';

/** What the page shows for a failed call: the hub's `extensions.code` and its message. */
export interface ShownError {
  code: string;
  message: string;
}

/** Codes the web app uses when the hub sent no GraphQL error to read. */
export const NETWORK_ERROR = 'NETWORK_ERROR';

function codeOf(extensions: Record<string, unknown> | undefined): string {
  const code = extensions?.['code'];
  return typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR';
}

/** The first GraphQL error (the one that names the problem), or the network failure. */
export function describeError(error: CombinedError): ShownError {
  const first = error.graphQLErrors[0];
  if (first) {
    const more = error.graphQLErrors.length > 1 ? ` (+${error.graphQLErrors.length - 1} more)` : '';
    return { code: codeOf(first.extensions), message: `${first.message}${more}` };
  }
  // A failed WebSocket reports a bare Event, whose message is undefined.
  return { code: NETWORK_ERROR, message: error.networkError?.message || 'The hub could not be reached' };
}

export function hasCode(error: CombinedError | undefined, code: string): boolean {
  return !!error?.graphQLErrors.some((e) => codeOf(e.extensions) === code);
}

/**
 * True when the hub rejected the document because `field` is not in its schema yet (a subgraph
 * that is not deployed): the page hides that card instead of showing an error.
 */
export function isMissingField(error: CombinedError | undefined, field: string): boolean {
  return !!error?.graphQLErrors.some(
    (e) =>
      (codeOf(e.extensions) === 'GRAPHQL_VALIDATION_FAILED' || !e.extensions?.['code']) &&
      e.message.includes(`Cannot query field "${field}"`),
  );
}
