import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { declaresVariable, resumablePayload } from './resume.js';

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
});
