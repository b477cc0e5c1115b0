/**
 * Wait before reconnect attempt `attempt` (0-based): exponential from `baseMs`, capped at `maxMs`,
 * with half of it randomised so that many browsers do not reconnect in lockstep after a restart.
 */
export function backoffDelay(attempt: number, baseMs = 500, maxMs = 30_000, random = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
