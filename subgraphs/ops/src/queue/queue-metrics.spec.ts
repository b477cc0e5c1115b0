import { describe, expect, it } from 'vitest';
import { completedFromMetrics, seriesFromMetrics } from './queue-metrics.js';

const MIN = 60_000;
const now = 1_000 * MIN + 30_000; // half-way through minute 1000

function metrics(prevMinute: number, count: number, prevCount: number, data: number[]) {
  return { meta: { count, prevTS: prevMinute * MIN + 5_000, prevCount }, data, count: data.length };
}

describe('completedFromMetrics', () => {
  it('adds the open minute and the closed minutes inside the window', () => {
    // Minute 1000: 4 so far; 999: 2; 998: 0; 997: 7; 996: 1; 995 (outside 5 minutes): 50.
    expect(completedFromMetrics(metrics(1000, 114, 110, [2, 0, 7, 1, 50]), now, 5)).toBe(14);
  });

  it('counts nothing once the last completion is older than the window', () => {
    expect(completedFromMetrics(metrics(990, 20, 10, [5, 5]), now, 5)).toBe(0);
  });

  it('keeps the minutes still inside the window when the last completion was a while ago', () => {
    // Last completion in minute 998: 3 in it; 997: 2; 996: 9; 995: outside.
    expect(completedFromMetrics(metrics(998, 13, 10, [2, 9, 100]), now, 5)).toBe(14);
  });
});

describe('seriesFromMetrics', () => {
  it('gives one count per minute, oldest first, ending with the open minute', () => {
    expect(seriesFromMetrics(metrics(1000, 114, 110, [2, 0, 7, 1, 50]), now, 6)).toEqual([50, 1, 7, 0, 2, 4]);
  });

  it('pads the minutes after the last completion with zeros, and the ones before the data', () => {
    expect(seriesFromMetrics(metrics(998, 13, 10, [2]), now, 5)).toEqual([0, 2, 3, 0, 0]);
  });

  it('is all zeros when nothing was ever recorded', () => {
    expect(
      seriesFromMetrics({ meta: { count: 0, prevTS: 0, prevCount: 0 }, data: [], count: 0 }, now, 3),
    ).toEqual([0, 0, 0]);
  });
});
