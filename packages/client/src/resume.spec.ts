import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { declaresVariable, eventIdOf, resumablePayload } from './resume.js';

describe('resumable subscriptions', () => {
  it('sends after = last eventId once events arrived, only for operations declaring $after', () => {
    const doc = parse('subscription S($after: String) { ousStateChanged(after: $after) { eventId } }');
    const { payload, seen } = resumablePayload(
      { query: 'q', variables: { state: 'PROCESSING' } },
      declaresVariable(doc, 'after'),
    );
    expect(JSON.parse(JSON.stringify(payload)).variables).toEqual({ state: 'PROCESSING' });
    seen({ data: { ousStateChanged: { eventId: '9-0' } } });
    expect(JSON.parse(JSON.stringify(payload)).variables).toEqual({ state: 'PROCESSING', after: '9-0' });
    expect(declaresVariable(parse('subscription { x }'), 'after')).toBe(false);
  });

  it('reads the eventId of an object event, and of a list event from its last item', () => {
    expect(eventIdOf({ data: { alarmRaised: { eventId: '5-0', deviceId: 'julabo' } } })).toBe('5-0');
    expect(eventIdOf({ data: { readingsAdded: [{ eventId: '7-0' }, { eventId: '7-1' }] } })).toBe('7-1');
    expect(eventIdOf({ data: { readingsAdded: [] } })).toBeUndefined();
    expect(eventIdOf({ data: { jobProgress: { id: '3' } } })).toBeUndefined();
    expect(eventIdOf({})).toBeUndefined();
  });
});
