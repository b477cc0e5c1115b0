import { formatAge } from './format';
import type { JobStateName } from './queues-routes';

/** States shown as tabs on a queue, with what a user calls them. */
export const STATE_LABELS: Record<JobStateName, string> = {
  WAITING: 'Waiting',
  ACTIVE: 'Active',
  DELAYED: 'Delayed',
  PRIORITIZED: 'Prioritized',
  WAITING_CHILDREN: 'Waiting children',
  FAILED: 'Failed',
  COMPLETED: 'Completed',
};

/** The states `cleanQueue` accepts (active jobs are held by workers). */
export const CLEANABLE_STATES: readonly JobStateName[] = [
  'COMPLETED',
  'FAILED',
  'DELAYED',
  'WAITING',
  'PRIORITIZED',
];

/** Ages offered by "clean", in seconds. */
export const CLEAN_AGES: readonly { seconds: number; label: string }[] = [
  { seconds: 0, label: 'any age' },
  { seconds: 3600, label: 'older than 1 hour' },
  { seconds: 86_400, label: 'older than 1 day' },
  { seconds: 7 * 86_400, label: 'older than 7 days' },
];

/** The points of an SVG polyline drawing `values` in a `width` × `height` box (0 at the bottom). */
export function sparklinePoints(values: readonly number[], width: number, height: number): string {
  if (values.length === 0) return '';
  const max = Math.max(1, ...values);
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  const pad = 1;
  return values
    .map((v, i) => {
      const x = values.length > 1 ? i * step : width / 2;
      const y = height - pad - (Math.max(0, v) / max) * (height - 2 * pad);
      return `${round(x)},${round(y)}`;
    })
    .join(' ');
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

/** "in 4m" / "2h 5m ago" relative to `now`. */
export function relativeTime(at: string | null | undefined, now: number): string {
  if (!at) return '—';
  const diff = new Date(at).getTime() - now;
  return diff >= 0 ? `in ${formatAge(diff)}` : `${formatAge(-diff)} ago`;
}

/** How a scheduler repeats: "every 5s" or its cron pattern. */
export function describeRepeat(s: { everyMs?: number | null; pattern?: string | null }): string {
  if (s.everyMs) return `every ${formatAge(s.everyMs)}`;
  return s.pattern ? `cron ${s.pattern}` : '—';
}

/** A job's payload or return value as indented JSON (undefined and null shown as `null`). */
export function prettyJson(value: unknown): string {
  return JSON.stringify(value ?? null, null, 2) ?? 'null';
}

/** What a job's progress reads as: a percentage for a number, JSON for anything else. */
export function describeProgress(progress: unknown): { percent: number | null; text: string } {
  if (typeof progress === 'number' && Number.isFinite(progress)) {
    const percent = Math.max(0, Math.min(100, progress));
    return { percent, text: `${percent}%` };
  }
  if (progress === null || progress === undefined || progress === 0) return { percent: 0, text: '0%' };
  return { percent: null, text: JSON.stringify(progress) };
}

/** The actions a job allows in its state (the hub still refuses with a code if it moved meanwhile). */
export function jobActions(state: string): { retry: boolean; promote: boolean; remove: boolean } {
  return {
    retry: state === 'FAILED' || state === 'COMPLETED',
    promote: state === 'DELAYED',
    remove: state !== 'ACTIVE',
  };
}

/** Sum of a per-minute series. */
export function total(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
