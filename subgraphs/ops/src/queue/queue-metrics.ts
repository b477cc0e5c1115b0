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

/**
 * Per-minute counts of the last `minutes` minutes from BullMQ's metrics, oldest first, the last being
 * the current minute (so far). Read as `completedFromMetrics` reads them.
 */
export function seriesFromMetrics(metrics: Metrics, now: number, minutes: number): number[] {
  const nowMinute = Math.floor(now / 60_000);
  const lastMinute = Math.floor(metrics.meta.prevTS / 60_000);
  const series: number[] = [];
  for (let minute = nowMinute - minutes + 1; minute <= nowMinute; minute++) {
    if (metrics.meta.prevTS <= 0 || minute > lastMinute) series.push(0);
    else if (minute === lastMinute) series.push(metrics.meta.count - metrics.meta.prevCount);
    else series.push(metrics.data[lastMinute - 1 - minute] ?? 0);
  }
  return series;
}
