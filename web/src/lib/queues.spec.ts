import { describe, expect, it } from 'vitest';
import {
  describeProgress,
  describeRepeat,
  jobActions,
  prettyJson,
  relativeTime,
  sparklinePoints,
  total,
} from './queues';

describe('sparklinePoints', () => {
  it('spreads the minutes over the width and scales to the largest value', () => {
    expect(sparklinePoints([0, 2, 4], 100, 12)).toBe('0,11 50,6 100,1');
  });

  it('draws an all-zero series along the bottom, and a single value in the middle', () => {
    expect(sparklinePoints([0, 0], 10, 10)).toBe('0,9 10,9');
    expect(sparklinePoints([3], 10, 10)).toBe('5,1');
    expect(sparklinePoints([], 10, 10)).toBe('');
  });
});

describe('formatting', () => {
  it('says when relative to now', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(relativeTime('2026-01-01T00:05:00Z', now)).toBe('in 5m');
    expect(relativeTime('2025-12-31T22:00:00Z', now)).toBe('2h ago');
    expect(relativeTime('2025-12-30T21:30:00Z', now)).toBe('1d 2h ago');
    expect(relativeTime(null, now)).toBe('—');
  });

  it('describes a scheduler by interval or pattern', () => {
    expect(describeRepeat({ everyMs: 5_000, pattern: null })).toBe('every 5s');
    expect(describeRepeat({ everyMs: null, pattern: '0 * * * *' })).toBe('cron 0 * * * *');
  });

  it('shows progress as a percentage or as JSON', () => {
    expect(describeProgress(42)).toEqual({ percent: 42, text: '42%' });
    expect(describeProgress(140)).toEqual({ percent: 100, text: '100%' });
    expect(describeProgress({ done: 3, total: 9 })).toEqual({ percent: null, text: '{"done":3,"total":9}' });
    expect(describeProgress(null)).toEqual({ percent: 0, text: '0%' });
  });

  it('pretty-prints payloads', () => {
    expect(prettyJson({ path: '/x' })).toBe('{\n  "path": "/x"\n}');
    expect(prettyJson(undefined)).toBe('null');
    expect(total([1, 2, 3])).toBe(6);
  });
});

describe('jobActions', () => {
  it('offers retry for finished jobs, promote for delayed ones, and remove unless active', () => {
    expect(jobActions('FAILED')).toEqual({ retry: true, promote: false, remove: true });
    expect(jobActions('DELAYED')).toEqual({ retry: false, promote: true, remove: true });
    expect(jobActions('ACTIVE')).toEqual({ retry: false, promote: false, remove: false });
  });
});
