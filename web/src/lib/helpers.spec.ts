import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff';
import { FEED_CAP, prependCapped, toFeedEntry, type OusEvent } from './feed';
import { formatLatency } from './format';
import { OUS_STATES, stateLabel, stateTone } from './ous-state';
import { parseReadiness } from './readyz';

describe('backoffDelay', () => {
  it('doubles per attempt, between half and all of the ceiling, capped', () => {
    expect(backoffDelay(0, 500, 30_000, () => 0)).toBe(250);
    expect(backoffDelay(0, 500, 30_000, () => 1)).toBe(500);
    expect(backoffDelay(3, 500, 30_000, () => 1)).toBe(4_000);
    expect(backoffDelay(20, 500, 30_000, () => 1)).toBe(30_000);
    expect(backoffDelay(20, 500, 30_000, () => 0)).toBe(15_000);
  });
});

describe('OUS states', () => {
  it('labels enum values for people', () => {
    expect(stateLabel('READY_FOR_PROCESSING')).toBe('Ready for processing');
    expect(stateLabel('QA3_IN_PROGRESS')).toBe('QA3 in progress');
  });

  it('gives problems and completed work distinct tones', () => {
    expect(stateTone('PROCESSING_PROBLEM')).toBe('bad');
    expect(stateTone('DELIVERED')).toBe('good');
    expect(stateTone('SOMETHING_NEW')).toBe('neutral');
    expect(new Set(OUS_STATES).size).toBe(10);
  });
});

describe('live feed', () => {
  const event: OusEvent = {
    eventId: '1732309200000-0',
    ous: {
      id: 'uid://A001/X1/X1',
      programId: '2025.1.00001.S',
      state: 'READY_FOR_PROCESSING',
      substate: null,
      executive: 'EU',
    },
    transition: {
      from: 'FULLY_OBSERVED',
      to: 'READY_FOR_PROCESSING',
      substate: null,
      at: '2026-11-22T21:00:00.000Z',
      reason: null,
      systemActor: null,
      actor: { username: 'admin' },
    },
  };

  it('flattens an event into a row', () => {
    expect(toFeedEntry(event, 7)).toEqual({
      key: 7,
      at: '2026-11-22T21:00:00.000Z',
      ousId: 'uid://A001/X1/X1',
      programId: '2025.1.00001.S',
      from: 'FULLY_OBSERVED',
      to: 'READY_FOR_PROCESSING',
      actor: 'admin',
      reason: null,
    });
  });

  it('keeps the newest first and at most the cap', () => {
    let list: number[] = [];
    for (let i = 1; i <= FEED_CAP + 5; i++) list = prependCapped(list, i);
    expect(list).toHaveLength(FEED_CAP);
    expect(list[0]).toBe(FEED_CAP + 5);
    expect(list.at(-1)).toBe(6);
  });
});

describe('parseReadiness', () => {
  it('reads a degraded 503 body', () => {
    const body = JSON.stringify({
      status: 'degraded',
      subgraphs: [
        { name: 'ops', up: true, latencyMs: 3.2 },
        { name: 'dcs', up: false, latencyMs: null },
      ],
    });
    expect(parseReadiness(503, body)).toEqual({
      status: 'degraded',
      subgraphs: [
        { name: 'ops', up: true, latencyMs: 3.2 },
        { name: 'dcs', up: false, latencyMs: null },
      ],
    });
  });

  it('refuses a body that is not the readiness JSON', () => {
    expect(() => parseReadiness(502, '<html>Bad gateway</html>')).toThrow(/HTTP 502 without JSON/);
    expect(() => parseReadiness(200, '{}')).toThrow(/without a subgraph list/);
  });

  it('formats latency compactly', () => {
    expect(formatLatency(3.24)).toBe('3.2 ms');
    expect(formatLatency(123.6)).toBe('124 ms');
    expect(formatLatency(null)).toBe('—');
  });
});
