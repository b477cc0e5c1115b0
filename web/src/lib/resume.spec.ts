import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { isRetryableSocketFailure } from './persistent-subscription';
import { declaresVariable, eventIdOf, resumablePayload } from '@opshub/client/resume';

describe('resumable subscriptions', () => {
  const withAfter = parse('subscription S($after: String) { ousStateChanged(after: $after) { eventId } }');
  const without = parse('subscription S { ousStateChanged { eventId } }');

  it('detects the $after variable', () => {
    expect(declaresVariable(withAfter, 'after')).toBe(true);
    expect(declaresVariable(without, 'after')).toBe(false);
  });

  it('reads the eventId of the root field', () => {
    expect(eventIdOf({ data: { ousStateChanged: { eventId: '1732-0', ous: {} } } })).toBe('1732-0');
    expect(eventIdOf({ data: { ousStateChanged: { ous: {} } } })).toBeUndefined();
    expect(eventIdOf({})).toBeUndefined();
  });

  it('sends after = last eventId when the payload is serialised again (a reconnect)', () => {
    const { payload, seen } = resumablePayload(
      { query: 'subscription…', variables: { programId: 'P' } },
      true,
    );
    expect(JSON.parse(JSON.stringify(payload))).toEqual({
      query: 'subscription…',
      variables: { programId: 'P' },
    });
    seen({ data: { ousStateChanged: { eventId: '5-0' } } });
    seen({ data: { ousStateChanged: { eventId: '6-0' } } });
    expect(JSON.parse(JSON.stringify(payload)).variables).toEqual({ programId: 'P', after: '6-0' });
  });

  it('leaves operations without $after alone', () => {
    const { payload, seen } = resumablePayload({ query: 'q', variables: {} }, false);
    seen({ data: { x: { eventId: '1-0' } } });
    expect(JSON.parse(JSON.stringify(payload)).variables).toEqual({});
  });
});

describe('isRetryableSocketFailure', () => {
  it('retries dropped and refused sockets, not GraphQL errors or refused tokens', () => {
    expect(isRetryableSocketFailure({ code: 1006, reason: '' })).toBe(true);
    expect(isRetryableSocketFailure({ type: 'error' })).toBe(true);
    expect(isRetryableSocketFailure({ code: 4401, reason: 'Unauthorized' })).toBe(false);
    expect(isRetryableSocketFailure({ code: 4403, reason: 'Forbidden' })).toBe(false);
    expect(isRetryableSocketFailure([{ message: 'nope', extensions: { code: 'FORBIDDEN' } }])).toBe(false);
  });
});
