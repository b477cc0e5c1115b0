/**
 * Runs `task` now and then `intervalMs` after each run finishes (never two at once, so a slow hub
 * is not piled on). Returns a stop function, for `$effect` cleanup.
 */
export function poll(task: () => Promise<unknown>, intervalMs: number): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = async (): Promise<void> => {
    try {
      await task();
    } catch (e) {
      // Tasks show their own errors; this only keeps the loop alive if one slips through.
      console.error(e);
    } finally {
      if (!stopped) timer = setTimeout(() => void run(), intervalMs);
    }
  };
  void run();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
