import { describe, expect, it } from 'vitest';
import { formatAge, formatBytes } from './format';
import { formatDuration, formatScore, scoreTone, shortSha } from './pipeline';

describe('workflow formatting', () => {
  it('gives card ages compactly', () => {
    expect(formatAge(-5)).toBe('0s');
    expect(formatAge(45_000)).toBe('45s');
    expect(formatAge(12 * 60_000 + 5_000)).toBe('12m');
    expect(formatAge(3 * 3_600_000)).toBe('3h');
    expect(formatAge(3 * 3_600_000 + 5 * 60_000)).toBe('3h 5m');
    expect(formatAge(2 * 86_400_000 + 4 * 3_600_000)).toBe('2d 4h');
  });

  it('sizes files in binary units', () => {
    expect(formatBytes(812)).toBe('812 B');
    expect(formatBytes(2560)).toBe('2.5 KiB');
    expect(formatBytes(14 * 1024 * 1024)).toBe('14.0 MiB');
  });

  it('colours QA scores in the pipeline weblog bands', () => {
    expect(scoreTone(0.9)).toBe('good');
    expect(scoreTone(0.66)).toBe('good');
    expect(scoreTone(0.5)).toBe('warn');
    expect(scoreTone(0.1)).toBe('bad');
    expect(scoreTone(null)).toBe('neutral');
    expect(formatScore(0.8567)).toBe('0.86');
    expect(formatScore(null)).toBe('—');
  });

  it('shortens checksums and durations', () => {
    expect(shortSha('9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08')).toBe('9f86d081884c');
    expect(formatDuration(42.4)).toBe('42 s');
    expect(formatDuration(185)).toBe('3 min 05 s');
    expect(formatDuration(3720)).toBe('1 h 02 min');
  });
});
