import { describe, expect, it } from 'vitest';
import { ClientErrorCode, HubError, hubErrorFrom, hubErrorFromSocket, resultFromHttp } from './hub-error.js';

describe('resultFromHttp', () => {
  it('returns data from a successful reply', () => {
    expect(resultFromHttp(200, JSON.stringify({ data: { me: { username: 'admin' } } }))).toEqual({
      me: { username: 'admin' },
    });
  });

  it('throws the first error with its extensions.code, keeping every error', () => {
    const body = {
      errors: [
        {
          message: 'You do not have the role this needs',
          path: ['createObsUnitSet'],
          extensions: { code: 'FORBIDDEN' },
        },
        { message: 'another', extensions: { code: 'NOT_FOUND' } },
      ],
      data: null,
    };
    const error = catchError(() => resultFromHttp(200, JSON.stringify(body)));
    expect(error).toBeInstanceOf(HubError);
    expect(error.code).toBe('FORBIDDEN');
    expect(error.extensions).toEqual({ code: 'FORBIDDEN' });
    expect(error.errors).toHaveLength(2);
    expect(error.message).toBe('FORBIDDEN: You do not have the role this needs; another');
    expect(error.status).toBe(200);
  });

  it('prefers the GraphQL code over the HTTP status (a 400 validation failure)', () => {
    const body = {
      errors: [{ message: 'Cannot query field "nope"', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }],
    };
    const error = catchError(() => resultFromHttp(400, JSON.stringify(body)));
    expect(error.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(error.status).toBe(400);
  });

  it('reports a reply that is not GraphQL as BAD_RESPONSE', () => {
    const error = catchError(() => resultFromHttp(502, '<html>Bad Gateway</html>'));
    expect(error.code).toBe(ClientErrorCode.BAD_RESPONSE);
    expect(error.message).toContain('HTTP 502');
  });

  it('reports data: null without errors as BAD_RESPONSE', () => {
    expect(catchError(() => resultFromHttp(200, '{"data":null}')).code).toBe(ClientErrorCode.BAD_RESPONSE);
  });
});

describe('hubErrorFrom / hubErrorFromSocket', () => {
  it('calls an error without a code internal', () => {
    expect(hubErrorFrom([{ message: 'boom' }]).code).toBe('INTERNAL_SERVER_ERROR');
  });

  it('maps a GraphQL error list from a subscription', () => {
    const error = hubErrorFromSocket([
      { message: 'Authentication required', extensions: { code: 'UNAUTHENTICATED' } },
    ]);
    expect(error.code).toBe('UNAUTHENTICATED');
  });

  it('maps a refused connection_init (close 4403) to UNAUTHENTICATED', () => {
    const error = hubErrorFromSocket({ code: 4403, reason: 'Forbidden' });
    expect(error.code).toBe('UNAUTHENTICATED');
    expect(error.message).toContain('4403: Forbidden');
  });

  it('maps other socket failures to NETWORK_ERROR', () => {
    expect(hubErrorFromSocket({ code: 1006, reason: '' }).code).toBe(ClientErrorCode.NETWORK_ERROR);
    expect(hubErrorFromSocket(new Error('ECONNREFUSED')).code).toBe(ClientErrorCode.NETWORK_ERROR);
  });

  it("says why a socket's error event failed it (not [object Object])", () => {
    const event = { type: 'error', message: 'connect ECONNREFUSED 127.0.0.1:1', error: new Error('x') };
    const error = hubErrorFromSocket(event);
    expect(error.code).toBe(ClientErrorCode.NETWORK_ERROR);
    expect(error.message).toBe('NETWORK_ERROR: connect ECONNREFUSED 127.0.0.1:1');
  });
});

function catchError(fn: () => unknown): HubError {
  try {
    fn();
  } catch (e) {
    if (e instanceof HubError) return e;
    throw e;
  }
  throw new Error('expected a HubError');
}
