import type { Metrics } from 'bullmq';

/**
 * Completed jobs in the last `minutes` from BullMQ's per-minute metrics. The list holds one count per
 * closed minute before the minute of the last completion (newest first); that minute's count so far is
 * `count - prevCount`. Minutes after it had no completions, or a completion would have moved it on.
 */
export function completedFromMetrics(metrics: Metrics, now: number, minutes: number): number {
  const nowMinute = Math.floor(now / 60_000);
  const firstMinute = nowMinute - minutes + 1;
  const lastMinute = Math.floor(metrics.meta.prevTS / 60_000);
  let total =
    lastMinute >= firstMinute && lastMinute <= nowMinute ? metrics.meta.count - metrics.meta.prevCount : 0;
  for (let i = 0; i < metrics.data.length; i++) {
    const minute = lastMinute - 1 - i;
    if (minute < firstMinute) break;
    if (minute <= nowMinute) total += metrics.data[i] ?? 0;
  }
  return total;
}
