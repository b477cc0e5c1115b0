import { CombinedError } from '@urql/core';
import { describe, expect, it } from 'vitest';
import { describeError, hasCode, isMissingField, NETWORK_ERROR } from './errors';

describe('describeError', () => {
  it('shows the first GraphQL error with its extensions.code', () => {
    const error = new CombinedError({
      graphQLErrors: [
        { message: 'Refused by interlock: HV on', extensions: { code: 'INTERLOCKED' } },
        { message: 'second', extensions: { code: 'FORBIDDEN' } },
      ],
    });
    expect(describeError(error)).toEqual({
      code: 'INTERLOCKED',
      message: 'Refused by interlock: HV on (+1 more)',
    });
  });

  it('treats an error without a code as internal', () => {
    const error = new CombinedError({ graphQLErrors: [{ message: 'boom' }] });
    expect(describeError(error)).toEqual({ code: 'INTERNAL_SERVER_ERROR', message: 'boom' });
  });

  it('reports a failed request as a network error', () => {
    const error = new CombinedError({ networkError: new TypeError('Failed to fetch') });
    expect(describeError(error)).toEqual({ code: NETWORK_ERROR, message: 'Failed to fetch' });
  });
});

describe('hasCode / isMissingField', () => {
  it('finds UNAUTHENTICATED among the errors', () => {
    const error = new CombinedError({
      graphQLErrors: [{ message: 'Authentication required', extensions: { code: 'UNAUTHENTICATED' } }],
    });
    expect(hasCode(error, 'UNAUTHENTICATED')).toBe(true);
    expect(hasCode(error, 'FORBIDDEN')).toBe(false);
    expect(hasCode(undefined, 'UNAUTHENTICATED')).toBe(false);
  });

  it('recognises a field the schema does not have yet', () => {
    const error = new CombinedError({
      graphQLErrors: [
        {
          message: 'Cannot query field "queues" on type "Query".',
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
        },
      ],
    });
    expect(isMissingField(error, 'queues')).toBe(true);
    expect(isMissingField(error, 'me')).toBe(false);
  });

  it('does not take a resolver failure for a missing field', () => {
    const error = new CombinedError({
      graphQLErrors: [
        { message: 'Cannot query field "queues": Redis down', extensions: { code: 'INTERNAL_SERVER_ERROR' } },
      ],
    });
    expect(isMissingField(error, 'queues')).toBe(false);
  });
});
