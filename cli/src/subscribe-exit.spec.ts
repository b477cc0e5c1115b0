import { describe, expect, it } from 'vitest';
import { exitCodeOf, SubscribeExit } from './subscribe-exit.js';

describe('subscribe exit codes', () => {
  it('tells a refused token, an unreachable hub and a refused document apart', () => {
    expect(exitCodeOf({ code: 'UNAUTHENTICATED' })).toBe(3);
    expect(exitCodeOf({ code: 'FORBIDDEN' })).toBe(3);
    for (const code of ['NETWORK_ERROR', 'BAD_RESPONSE', 'UPSTREAM_UNAVAILABLE', 'SERVICE_UNAVAILABLE'])
      expect(exitCodeOf({ code })).toBe(5);
    for (const code of [
      'GRAPHQL_VALIDATION_FAILED',
      'BAD_USER_INPUT',
      'RESUME_TOO_OLD',
      'INTERNAL_SERVER_ERROR',
    ])
      expect(exitCodeOf({ code })).toBe(4);
  });

  it('keeps the documented numbers (scripts compare them)', () => {
    expect(SubscribeExit).toEqual({
      DONE: 0,
      UNEXPECTED: 1,
      USAGE: 2,
      AUTH: 3,
      GRAPHQL: 4,
      UNREACHABLE: 5,
      TIMEOUT: 6,
      SIGINT: 130,
      SIGTERM: 143,
    });
  });
});
