/**
 * Runs `step` (a DELETE of at most `batch` rows, each its own short statement) until it deletes fewer
 * than `batch`; returns how many rows it deleted in all. Retention never locks a table for long.
 */
export async function deleteInBatches(batch: number, step: () => Promise<number>): Promise<number> {
  let count = 0;
  for (;;) {
    const n = await step();
    count += n;
    if (n < batch) return count;
  }
}
