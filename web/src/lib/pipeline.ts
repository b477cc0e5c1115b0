import type { Tone } from './ous-state';

/**
 * The pipeline's QA score colours: 0.66–1 good, 0.33–0.66 warning, below 0.33 bad (the bands the
 * ALMA pipeline weblog uses), so reviewers read the same colours here as in the weblog.
 */
export function scoreTone(score: number | null | undefined): Tone {
  if (score === null || score === undefined) return 'neutral';
  if (score >= 0.66) return 'good';
  if (score >= 0.33) return 'warn';
  return 'bad';
}

export function formatScore(score: number | null | undefined): string {
  return score === null || score === undefined ? '—' : score.toFixed(2);
}

/** The first 12 hex digits: enough to compare checksums by eye; the full one goes in a tooltip. */
export function shortSha(sha256: string): string {
  return sha256.slice(0, 12);
}

/** Processing time in seconds → `42 s`, `3 min 05 s`, `1 h 02 min`. */
export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}
